# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_credstore_global_optspecs
    string join \n t/table= r/region= kms-region= p/profile= n/arn= endpoint-url= local= strict unbound= k/key= read-key= replica-region= kms-timeout= concurrency= scan-segments= max-attempts= log-level= log-file= debug timeout= h/help V/version
end

function __fish_credstore_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_credstore_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_credstore_using_subcommand
    set -l cmd (__fish_credstore_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c credstore -n "__fish_credstore_needs_command" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_needs_command" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_needs_command" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_needs_command" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_needs_command" -s n -l arn -d 'ARN of a role to assume first' -r
complete -c credstore -n "__fish_credstore_needs_command" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_needs_command" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_needs_command" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_needs_command" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_needs_command" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_needs_command" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_needs_command" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_needs_command" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_needs_command" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_needs_command" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_needs_command" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_needs_command" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_needs_command" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_needs_command" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_needs_command" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_needs_command" -s V -l version -d 'Print version'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "setup" -d 'Create the table (idempotent) and print the IAM policy readers and writers need'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "put" -d 'Store a new version of a secret'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "get" -d 'Print a secret\'s value (or several, with a `*` pattern)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "getall" -d 'Print the latest version of every secret'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "list" -d 'List every item: name, version, comment, creation time'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "keys" -d 'List the secret names'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "history" -d 'List the versions of one secret'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "delete" -d 'Delete a secret (every version, or one with -v)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "prune" -d 'Delete old versions of a secret, keeping the latest ones'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "putall" -d 'Store several secrets from a JSON object {"name": "value", ...}'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "env" -d 'Print selected secrets as environment variable assignments'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "exec" -d 'Run a command with selected secrets in its environment (replaces this process)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "copy" -d 'Copy every version of every secret to another table or backend'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "sync" -d 'Copy every item as it is (nothing decrypted) to a table in another region, so that region serves reads (`-r REGION get`) when the home region is down'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "bind" -d 'Bind unbound versions (credstash\'s) to their names, with KMS ReEncrypt (no plaintext)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "rekey" -d 'Re-encrypt data keys under another KMS key, with KMS ReEncrypt (no plaintext)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "encrypt" -d 'Encrypt a file or stream under a fresh KMS data key (stdin to stdout by default)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "decrypt" -d 'Decrypt what `encrypt` wrote (stdin to stdout by default)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "doctor" -d 'Check the account, region, endpoint, table and key a command would use, one line each (exit 1 when one fails); reads and prints no secret'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "policy" -d 'Print the least-privilege IAM policy of a reader, writer or admin, for the whole table or only the secrets under some name prefixes'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "audit" -d 'Who called KMS on which secret, and when: the key\'s events in CloudTrail (home and replica regions, 90 days), one row per call, refusals included'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l provisioned -d 'Provisioned capacity instead of on-demand billing' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l tags -d 'Tags for the table' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand setup" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l no-point-in-time-recovery -d 'Create the table without point-in-time recovery (on by default: any second of the last 35 days can be restored)'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l no-deletion-protection -d 'Create the table without deletion protection (on by default: DeleteTable fails until it is turned off)'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand put" -s v -l version -d 'Write exactly this version (padded to 19 characters like credstash)' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l from-file -d 'Read the value from this file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand put" -s c -l comment -d 'Comment stored in clear beside the secret' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -s d -l digest -d 'HMAC digest' -r -f -a "SHA\t'SHA-1 (legacy)'
SHA224\t'SHA-224'
SHA256\t'SHA-256 (default)'
SHA384\t'SHA-384'
SHA512\t'SHA-512'
MD5\t'MD5 (legacy)'"
complete -c credstore -n "__fish_credstore_using_subcommand put" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand put" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand put" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand put" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -s a -l autoversion -d 'Autoversion (the default; accepted for credstash compatibility)'
complete -c credstore -n "__fish_credstore_using_subcommand put" -s P -l prompt -d 'Prompt for the value without echo'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l legacy -d 'Write an item without the name-bound context, readable by plain credstash (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash; the variable is on unless empty, 0, false, no or off)'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l hmac-binary -d 'Store the hmac attribute as binary (Python 3 credstash\'s form) instead of a string'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand get" -s v -l version -d 'Read this version instead of the latest' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -s f -l format -d 'Output format when the name is a pattern, or with --all-versions' -r -f -a "json\t'JSON object, as credstash prints it'
yaml\t'YAML mapping of double-quoted strings'
csv\t'name,value rows, quoted as Python\'s csv module quotes them'
dotenv\t'NAME=\'value\' lines (names mapped to variable names) that dotenv parsers read back exactly'
shell\t'export NAME=\'value\' lines for a POSIX shell'
github\t'GitHub Actions: appends NAME<<DELIMITER blocks to the file in $GITHUB_ENV and prints ::add-mask:: lines so the values are hidden in the log'
docker\t'NAME=value lines for docker\'s --env-file (single-line values only)'"
complete -c credstore -n "__fish_credstore_using_subcommand get" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand get" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand get" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand get" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l all-versions -d 'Every version of the secret, as an object of version -> value (json, yaml or csv)'
complete -c credstore -n "__fish_credstore_using_subcommand get" -s n -l noline -d 'No trailing newline'
complete -c credstore -n "__fish_credstore_using_subcommand get" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand get" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s v -l version -d 'credstash\'s `getall -v`; refused here (one version number rarely means the same thing across secrets): read one secret\'s version with `get NAME -v VERSION`' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s f -l format -d 'Output format' -r -f -a "json\t'JSON object, as credstash prints it'
yaml\t'YAML mapping of double-quoted strings'
csv\t'name,value rows, quoted as Python\'s csv module quotes them'
dotenv\t'NAME=\'value\' lines (names mapped to variable names) that dotenv parsers read back exactly'
shell\t'export NAME=\'value\' lines for a POSIX shell'
github\t'GitHub Actions: appends NAME<<DELIMITER blocks to the file in $GITHUB_ENV and prints ::add-mask:: lines so the values are hidden in the log'
docker\t'NAME=value lines for docker\'s --env-file (single-line values only)'"
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand list" -s f -l format -d 'Output format' -r -f -a "text\t'Aligned lines, as credstash prints them (table text escaped)'
json\t'A JSON array of objects (name, version, comment, created; context in history)'"
complete -c credstore -n "__fish_credstore_using_subcommand list" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand list" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand list" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand list" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l latest -d 'Only the latest version of each name'
complete -c credstore -n "__fish_credstore_using_subcommand list" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand list" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand keys" -s f -l format -d 'Output format' -r -f -a "text\t'Aligned lines, as credstash prints them (table text escaped)'
json\t'A JSON array of objects (name, version, comment, created; context in history)'"
complete -c credstore -n "__fish_credstore_using_subcommand keys" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand keys" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand keys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand history" -s f -l format -d 'Output format' -r -f -a "text\t'Aligned lines, as credstash prints them (table text escaped)'
json\t'A JSON array of objects (name, version, comment, created; context in history)'"
complete -c credstore -n "__fish_credstore_using_subcommand history" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand history" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand history" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand history" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand history" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s v -l version -d 'Delete only this version' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l dry-run -d 'Print what would be deleted; delete nothing'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s y -l yes -d 'Do not ask before deleting every version (asked only on a terminal)'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l keep -d 'How many of the latest versions to keep (at least 1; `delete` removes them all)' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand prune" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l dry-run -d 'Print what would be deleted; delete nothing'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s v -l version -d 'Write every entry at exactly this version (padded like credstash)' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s c -l comment -d 'Comment stored in clear beside the secret' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s d -l digest -d 'HMAC digest' -r -f -a "SHA\t'SHA-1 (legacy)'
SHA224\t'SHA-224'
SHA256\t'SHA-256 (default)'
SHA384\t'SHA-384'
SHA512\t'SHA-512'
MD5\t'MD5 (legacy)'"
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s a -l autoversion -d 'Autoversion (the default; accepted for credstash compatibility)'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l legacy -d 'Write an item without the name-bound context, readable by plain credstash (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash; the variable is on unless empty, 0, false, no or off)'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l hmac-binary -d 'Store the hmac attribute as binary (Python 3 credstash\'s form) instead of a string'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l prefix -d 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l map -d 'An explicit variable: VAR=NAME or VAR=NAME:VERSION' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l allow -d 'Allowlist mode, recommended for production entrypoints: a variable derived from a secret\'s name must be one of these, or start with an entry ending in `*` (`APP_*`); repeat it or separate with commas. The denylist still applies; --map is always allowed' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -s f -l format -d 'Output format' -r -f -a "shell\t'export NAME=\'value\' lines for a POSIX shell'
dotenv\t'NAME=\'value\' lines that dotenv parsers read back exactly'
json\t'A JSON object of variables'
github\t'GitHub Actions: appends NAME<<DELIMITER blocks to the file in $GITHUB_ENV and prints ::add-mask:: lines so the values are hidden in the log'
docker\t'NAME=value lines for docker\'s --env-file (single-line values only)'"
complete -c credstore -n "__fish_credstore_using_subcommand env" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand env" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand env" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand env" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l keep-case -d 'Keep the case of variable names derived from secret names'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l skip-inaccessible -d 'Skip secrets the key service refuses (each reported on stderr) instead of failing'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l prefix -d 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l map -d 'An explicit variable: VAR=NAME or VAR=NAME:VERSION' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l allow -d 'Allowlist mode, recommended for production entrypoints: a variable derived from a secret\'s name must be one of these, or start with an entry ending in `*` (`APP_*`); repeat it or separate with commas. The denylist still applies; --map is always allowed' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand exec" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l keep-case -d 'Keep the case of variable names derived from secret names'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l skip-inaccessible -d 'Skip secrets the key service refuses (each reported on stderr) instead of failing'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l no-clobber -d 'Keep variables that are already set instead of overriding them'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l pristine -d 'Pass only the secrets (and PATH) to the command, not this environment'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l no-path -d 'With --pristine, do not pass PATH either'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l to-table -d 'Target table [default: the source table\'s name]' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l to-local -d 'Target: the embedded backend in this SQLite file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l to-region -d 'Target: the table (same name unless --to-table) and KMS key in another region' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand copy" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l to-aws -d 'Target: DynamoDB + KMS (with the global AWS options), e.g. when copying from --local'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l dry-run -d 'Read and decrypt everything, and compare with the target; write nothing'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l skip-refused -d 'Leave out (and report) versions the key service refuses to decrypt, such as credstash items written under another context, instead of failing'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l to-region -d 'The region of the target table' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l to-table -d 'Target table [default: the source table\'s name]; created when missing' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand sync" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l dry-run -d 'Compare and report; write nothing (and create no table)'
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand bind" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l dry-run -d 'Report what would change; call no KMS ReEncrypt and write nothing'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l allow-downgrade -d 'Also bind an unbound version that sorts after a bound version of its name. Reads refuse such a version as a possible downgrade (exit 5), and so does bind without this flag: use it only for a version you wrote yourself (with --legacy)'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l to-key -d 'The KMS key to wrap the data keys under (key id, key ARN, alias name or alias ARN)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l dry-run -d 'Report what would change; call no KMS ReEncrypt and write nothing'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -s i -l in -d 'Read this file instead of stdin (`-` is stdin)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -s o -l out -d 'Write this file instead of stdout (`-` is stdout); it appears, mode 0600, only once complete (written to a temporary file beside it, then renamed). A device or FIFO is written in place' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l format -d 'The format' -r -f -a "envelope\t'credstore\'s streaming format (ENVELOPE.md): any size, in bounded memory'
fernet\t'The KMS + Fernet JSON message {"encrypted_data_key", "encrypted_message"}, for small messages (up to 4 MiB) exchanged with Python\'s cryptography.fernet'"
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -s i -l in -d 'Read this file instead of stdin (`-` is stdin)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -s o -l out -d 'Write this file instead of stdout (`-` is stdout); it appears, mode 0600, only once complete (written to a temporary file beside it, then renamed). A device or FIFO is written in place' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l format -d 'The format' -r -f -a "envelope\t'credstore\'s streaming format (ENVELOPE.md): any size, in bounded memory'
fernet\t'The KMS + Fernet JSON message {"encrypted_data_key", "encrypted_message"}, for small messages (up to 4 MiB) exchanged with Python\'s cryptography.fernet'"
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l prefix -d 'Only the secrets whose names start with PREFIX (repeat it), e.g. `app1/`; without it, the whole table. Unbound (credstash) items stay closed to a prefix role' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l principal-tag -d 'ABAC: only the secrets under `${aws:PrincipalTag/TAG}/`, one policy for every role tagged with its own prefix' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l principal -d 'The principal of --key-policy [default: a placeholder role ARN, or the account with --principal-tag]' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand policy" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l reader -d 'What get, getall, env, exec, list, keys and history need (the default)'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l writer -d 'The reader\'s rights, plus put and putall'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l admin -d 'The writer\'s rights, plus setup, delete, prune, sync, doctor and audit; bind and rekey without --prefix only'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l key-policy -d 'The KMS statements as a key policy\'s, with a Principal'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l since -d 'From when: a duration back from now (`24h`, `90m`, `7d`), a date (`2026-12-01`, UTC) or an RFC 3339 time. CloudTrail keeps 90 days' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l until -d 'Until when (a time, a date or a duration back from now) [default: now]' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -s f -l format -d 'Output format' -r -f -a "text\t'Tab-separated columns under a title line, every field escaped for the terminal'
json\t'A JSON array of objects: time, principal, account, source_ip, region, operation, name, version, error (null on success), user_agent, event_id'"
complete -c credstore -n "__fish_credstore_using_subcommand audit" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand audit" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l print-sql -d 'Print an Athena query over a CloudTrail table asking the same question (for history beyond 90 days) instead of reading CloudTrail'
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand completions" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand completions" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials came from, every AWS call with its duration and attempts (never a value or a key). RUST_LOG (`credstore=debug,aws_smithy_runtime=info`...) chooses the levels instead'
complete -c credstore -n "__fish_credstore_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "setup" -d 'Create the table (idempotent) and print the IAM policy readers and writers need'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "put" -d 'Store a new version of a secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "get" -d 'Print a secret\'s value (or several, with a `*` pattern)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "getall" -d 'Print the latest version of every secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "list" -d 'List every item: name, version, comment, creation time'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "keys" -d 'List the secret names'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "history" -d 'List the versions of one secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "delete" -d 'Delete a secret (every version, or one with -v)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "prune" -d 'Delete old versions of a secret, keeping the latest ones'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "putall" -d 'Store several secrets from a JSON object {"name": "value", ...}'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "env" -d 'Print selected secrets as environment variable assignments'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "exec" -d 'Run a command with selected secrets in its environment (replaces this process)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "copy" -d 'Copy every version of every secret to another table or backend'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "sync" -d 'Copy every item as it is (nothing decrypted) to a table in another region, so that region serves reads (`-r REGION get`) when the home region is down'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "bind" -d 'Bind unbound versions (credstash\'s) to their names, with KMS ReEncrypt (no plaintext)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "rekey" -d 'Re-encrypt data keys under another KMS key, with KMS ReEncrypt (no plaintext)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "encrypt" -d 'Encrypt a file or stream under a fresh KMS data key (stdin to stdout by default)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "decrypt" -d 'Decrypt what `encrypt` wrote (stdin to stdout by default)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "doctor" -d 'Check the account, region, endpoint, table and key a command would use, one line each (exit 1 when one fails); reads and prints no secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "policy" -d 'Print the least-privilege IAM policy of a reader, writer or admin, for the whole table or only the secrets under some name prefixes'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "audit" -d 'Who called KMS on which secret, and when: the key\'s events in CloudTrail (home and replica regions, 90 days), one row per call, refusals included'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys history delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
