
use builtin;
use str;

set edit:completion:arg-completer[credstore] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'credstore'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'credstore'= {
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand -n 'ARN of a role to assume first'
            cand --arn 'ARN of a role to assume first'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand setup 'Create the table (idempotent) and print the IAM policy readers and writers need'
            cand put 'Store a new version of a secret'
            cand get 'Print a secret''s value (or several, with a `*` pattern)'
            cand getall 'Print the latest version of every secret'
            cand list 'List every item: name, version, comment, creation time'
            cand keys 'List the secret names'
            cand history 'List the versions of one secret'
            cand delete 'Delete a secret (every version, or one with -v)'
            cand putall 'Store several secrets from a JSON object {"name": "value", ...}'
            cand env 'Print selected secrets as environment variable assignments'
            cand exec 'Run a command with selected secrets in its environment (replaces this process)'
            cand copy 'Copy every version of every secret to another table or backend'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credstore;setup'= {
            cand --provisioned 'Provisioned capacity instead of on-demand billing'
            cand --tags 'Tags for the table'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;put'= {
            cand -v 'Write exactly this version (padded to 19 characters like credstash)'
            cand --version 'Write exactly this version (padded to 19 characters like credstash)'
            cand --from-file 'Read the value from this file'
            cand -c 'Comment stored in clear beside the secret'
            cand --comment 'Comment stored in clear beside the secret'
            cand -d 'HMAC digest'
            cand --digest 'HMAC digest'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand -a 'Autoversion (the default; accepted for credstash compatibility)'
            cand --autoversion 'Autoversion (the default; accepted for credstash compatibility)'
            cand --prompt 'Prompt for the value without echo'
            cand --legacy 'Write an item without the name-bound context, readable by plain credstash'
            cand --hmac-binary 'Store the hmac attribute as binary (Python 3 credstash''s form) instead of a string'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credstore;get'= {
            cand -v 'Read this version instead of the latest'
            cand --version 'Read this version instead of the latest'
            cand -f 'Output format when the name is a pattern'
            cand --format 'Output format when the name is a pattern'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand -n 'No trailing newline'
            cand --noline 'No trailing newline'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credstore;getall'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credstore;list'= {
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --latest 'Only the latest version of each name'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;keys'= {
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;history'= {
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;delete'= {
            cand -v 'Delete only this version'
            cand --version 'Delete only this version'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;putall'= {
            cand -c 'Comment stored in clear beside the secret'
            cand --comment 'Comment stored in clear beside the secret'
            cand -d 'HMAC digest'
            cand --digest 'HMAC digest'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --legacy 'Write an item without the name-bound context, readable by plain credstash'
            cand --hmac-binary 'Store the hmac attribute as binary (Python 3 credstash''s form) instead of a string'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credstore;env'= {
            cand --prefix 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable'
            cand --map 'An explicit variable: VAR=NAME or VAR=NAME:VERSION'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --all 'Every secret of the table'
            cand --keep-case 'Keep the case of variable names derived from secret names'
            cand --skip-inaccessible 'Skip secrets the key service refuses (each reported on stderr) instead of failing'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credstore;exec'= {
            cand --prefix 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable'
            cand --map 'An explicit variable: VAR=NAME or VAR=NAME:VERSION'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --all 'Every secret of the table'
            cand --keep-case 'Keep the case of variable names derived from secret names'
            cand --skip-inaccessible 'Skip secrets the key service refuses (each reported on stderr) instead of failing'
            cand --no-clobber 'Keep variables that are already set instead of overriding them'
            cand --pristine 'Pass only the secrets (and PATH) to the command, not this environment'
            cand --no-path 'With --pristine, do not pass PATH either'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;copy'= {
            cand --to-table 'Target table [default: the source table''s name]'
            cand --to-local 'Target: the embedded backend in this SQLite file'
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --to-aws 'Target: DynamoDB + KMS (with the global AWS options), e.g. when copying from --local'
            cand --dry-run 'Read and decrypt everything, write nothing'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;completions'= {
            cand -t 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand --table 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win'
            cand -r 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --region 'AWS region of the table [default: the SDK''s, else us-east-1]'
            cand --kms-region 'AWS region of the KMS key, when it differs from --region'
            cand -p 'Named profile from ~/.aws/config'
            cand --profile 'Named profile from ~/.aws/config'
            cand --endpoint-url 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works'
            cand --local 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)'
            cand -k 'KMS key for new data keys'
            cand --key 'KMS key for new data keys'
            cand --concurrency 'Key-service calls in flight during bulk reads'
            cand --max-attempts 'Attempts per AWS call (adaptive retry with backoff on throttling and 5xx)'
            cand --strict 'Refuse items that are not bound to their name (written by credstash or --legacy)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'credstore;help'= {
            cand setup 'Create the table (idempotent) and print the IAM policy readers and writers need'
            cand put 'Store a new version of a secret'
            cand get 'Print a secret''s value (or several, with a `*` pattern)'
            cand getall 'Print the latest version of every secret'
            cand list 'List every item: name, version, comment, creation time'
            cand keys 'List the secret names'
            cand history 'List the versions of one secret'
            cand delete 'Delete a secret (every version, or one with -v)'
            cand putall 'Store several secrets from a JSON object {"name": "value", ...}'
            cand env 'Print selected secrets as environment variable assignments'
            cand exec 'Run a command with selected secrets in its environment (replaces this process)'
            cand copy 'Copy every version of every secret to another table or backend'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credstore;help;setup'= {
        }
        &'credstore;help;put'= {
        }
        &'credstore;help;get'= {
        }
        &'credstore;help;getall'= {
        }
        &'credstore;help;list'= {
        }
        &'credstore;help;keys'= {
        }
        &'credstore;help;history'= {
        }
        &'credstore;help;delete'= {
        }
        &'credstore;help;putall'= {
        }
        &'credstore;help;env'= {
        }
        &'credstore;help;exec'= {
        }
        &'credstore;help;copy'= {
        }
        &'credstore;help;completions'= {
        }
        &'credstore;help;help'= {
        }
    ]
    $completions[$command]
}
