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
complete -c credstore -n "__fish_credstore_needs_command" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_needs_command" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_needs_command" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_needs_command" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_needs_command" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_needs_command" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_needs_command" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_needs_command" -s V -l version -d 'Print version'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "setup" -d 'Create the table (idempotent) and print the IAM policy readers and writers need'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "put" -d 'Store a new version of a secret'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "get" -d 'Print a secret\'s value (or several, with a `*` pattern)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "getall" -d 'Print the latest version of every secret'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "list" -d 'List every item: name, version, comment, creation time'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "keys" -d 'List the secret names'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "find" -d 'List the secret names that contain a text, in any case'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "history" -d 'List the versions of one secret'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "rollback" -d 'Make an older version\'s value the latest again, as a new version, without decrypting it (KMS ReEncrypt of its data key; contents and hmac copied)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "stale" -d 'List the secrets whose latest version is older than --max-age or past its expiry, one line each; exit 1 when there is any (for CI and cron). Reads no value'
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
complete -c credstore -n "__fish_credstore_needs_command" -f -a "render" -d 'Fill a template with secrets (`{{ secret "NAME" | json }}`), to stdout or a file written atomically with mode 0600'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "diff" -d 'Compare the secrets with another table, region or backend: names and versions only on one side, and whether the latest values are equal (never printed); exit 1 when they differ'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "import" -d 'Store values from a dotenv file, SSM Parameter Store or Secrets Manager as new versions (values equal to the latest are skipped)'
complete -c credstore -n "__fish_credstore_needs_command" -f -a "export" -d 'Write the latest values to SSM Parameter Store as SecureStrings'
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
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l no-point-in-time-recovery -d 'Create the table without point-in-time recovery (on by default: any second of the last 35 days can be restored)'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l no-deletion-protection -d 'Create the table without deletion protection (on by default: DeleteTable fails until it is turned off)'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand put" -s v -l version -d 'Write exactly this version (padded to 19 characters like credstash)' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l from-file -d 'Read the value from this file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand put" -l length -d 'Length of a generated value, in characters (1 to 4096) [default: 32]' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l charset -d 'Characters of a generated value: alnum, hex, base64, urlsafe, printable (visible ASCII), or the characters given [default: alnum]' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -s c -l comment -d 'Comment stored in clear beside the secret' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -s d -l digest -d 'HMAC digest' -r -f -a "SHA\t'SHA-1 (legacy; SHA1 is accepted too)'
SHA224\t'SHA-224'
SHA256\t'SHA-256 (default)'
SHA384\t'SHA-384'
SHA512\t'SHA-512'
MD5\t'MD5 (legacy)'"
complete -c credstore -n "__fish_credstore_using_subcommand put" -l expires -d 'When the new version expires: a lifetime (90d, 12h, 2w...) or an RFC 3339 time (2027-01-31T00:00:00Z, 2027-01-31). Reads of it afterwards warn; --strict refuses them (exit 7); `stale --expired` lists it' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l tag -d 'A KEY=VALUE tag on the new version, shown by list and history (repeatable)' -r
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
complete -c credstore -n "__fish_credstore_using_subcommand put" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand put" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand put" -s a -l autoversion -d 'Autoversion (the default; accepted for credstash compatibility)'
complete -c credstore -n "__fish_credstore_using_subcommand put" -s P -l prompt -d 'Prompt for the value without echo (twice, to confirm; an empty value is refused)'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l generate -d 'Generate the value: random characters from the operating system\'s CSPRNG, never printed (unless --print) nor logged; arguments after NAME are then CONTEXT'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l print -d 'Print the generated value on stdout once it is stored'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l if-absent -d 'Create only: when the secret has a version, write nothing and exit 0 (said on stderr). Safe against concurrent writers: exactly one creates version 1'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l trim -d 'Remove one trailing newline (`\\n` or `\\r\\n`) from the value, as `echo pw | put NAME -` adds one'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l legacy -d 'Write an item without the name-bound context, readable by plain credstash (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash; the variable is on unless empty, 0, false, no or off)'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l hmac-binary -d 'Store the hmac attribute as binary (Python 3 credstash\'s form) instead of a string'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand put" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand get" -s v -l version -d 'Read this version instead of the latest' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -s f -l format -d 'Output format [default: json for a pattern or --all-versions]. Without it, one secret prints raw; with it, one secret prints in that format as for a pattern' -r -f -a "json\t'JSON object, as credstash prints it'
yaml\t'YAML mapping of double-quoted strings'
csv\t'name,value rows, quoted as Python\'s csv module quotes them'
dotenv\t'NAME=\'value\' lines (names mapped to variable names) that dotenv parsers read back exactly'
shell\t'export NAME=\'value\' lines for a POSIX shell'
github\t'GitHub Actions: appends NAME<<DELIMITER blocks to the file GITHUB_ENV names and prints ::add-mask:: lines so the values are hidden in the log'
docker\t'NAME=value lines for docker\'s --env-file (single-line values only)'
k8s-secret\t'A Kubernetes v1 Secret manifest (YAML), values in base64 under `data`, keyed by secret name; needs --k8s-name'"
complete -c credstore -n "__fish_credstore_using_subcommand get" -l k8s-name -d 'With -f k8s-secret: the Secret\'s metadata.name (required with that format)' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l k8s-namespace -d 'With -f k8s-secret: the Secret\'s metadata.namespace [default: none, kubectl\'s]' -r
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
complete -c credstore -n "__fish_credstore_using_subcommand get" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand get" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand get" -l all-versions -d 'Every version of the secret, as an object of version -> value (json, yaml or csv)'
complete -c credstore -n "__fish_credstore_using_subcommand get" -s n -l noline -d 'No trailing newline'
complete -c credstore -n "__fish_credstore_using_subcommand get" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand get" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s v -l version -d 'credstash\'s `getall -v`; refused here (one version number rarely means the same thing across secrets): read one secret\'s version with `get NAME -v VERSION`' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -s f -l format -d 'Output format' -r -f -a "json\t'JSON object, as credstash prints it'
yaml\t'YAML mapping of double-quoted strings'
csv\t'name,value rows, quoted as Python\'s csv module quotes them'
dotenv\t'NAME=\'value\' lines (names mapped to variable names) that dotenv parsers read back exactly'
shell\t'export NAME=\'value\' lines for a POSIX shell'
github\t'GitHub Actions: appends NAME<<DELIMITER blocks to the file GITHUB_ENV names and prints ::add-mask:: lines so the values are hidden in the log'
docker\t'NAME=value lines for docker\'s --env-file (single-line values only)'
k8s-secret\t'A Kubernetes v1 Secret manifest (YAML), values in base64 under `data`, keyed by secret name; needs --k8s-name'"
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l k8s-name -d 'With -f k8s-secret: the Secret\'s metadata.name (required with that format)' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l k8s-namespace -d 'With -f k8s-secret: the Secret\'s metadata.namespace [default: none, kubectl\'s]' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l exclude -d 'Leave out the secrets whose names match PATTERN (`*` for any run of characters); repeat it for several' -r
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
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand getall" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand list" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand list" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand list" -l latest -d 'Only the latest version of each name'
complete -c credstore -n "__fish_credstore_using_subcommand list" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand list" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand keys" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand keys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand find" -s f -l format -d 'Output format' -r -f -a "text\t'Aligned lines, as credstash prints them (table text escaped)'
json\t'A JSON array of objects (name, version, comment, created; context in history)'"
complete -c credstore -n "__fish_credstore_using_subcommand find" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand find" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand find" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand find" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand find" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand find" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand find" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c credstore -n "__fish_credstore_using_subcommand history" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand history" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand history" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand history" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l to -d 'The version whose value becomes the latest again [default: the one before the latest]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -s c -l comment -d 'Comment of the new version [default: "rollback to version VERSION"]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l expires -d 'When the new version expires: a lifetime (90d, 12h, 2w...) or an RFC 3339 time (2027-01-31T00:00:00Z, 2027-01-31). Reads of it afterwards warn; --strict refuses them (exit 7); `stale --expired` lists it' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l tag -d 'A KEY=VALUE tag on the new version, shown by list and history (repeatable)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand rollback" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l max-age -d 'A latest version older than this is stale (s, m, h, d or w, e.g. 90d) [default: 90d, unless --expired alone is given]. A version with no creation time (written by credstash) counts as stale: its age is unknown' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -s f -l format -d 'Output format' -r -f -a "text\t'Aligned lines, as credstash prints them (table text escaped)'
json\t'A JSON array of objects (name, version, comment, created; context in history)'"
complete -c credstore -n "__fish_credstore_using_subcommand stale" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand stale" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l expired -d 'Only the secrets past their --expires time (with --max-age too: either)'
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand stale" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand stale" -s h -l help -d 'Print help (see more with \'--help\')'
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
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l dry-run -d 'Print what would be deleted; delete nothing'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s y -l yes -d 'Do not ask before deleting every version (asked only on a terminal)'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l keep -d 'How many of the latest versions to keep (at least 1; `delete` removes them all) [default: 1, after asking on a terminal]' -r
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
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l dry-run -d 'Print what would be deleted; delete nothing'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -s y -l yes -d 'Do not ask before deleting (asked only on a terminal, when --keep is not given)'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s v -l version -d 'Write every entry at exactly this version (padded like credstash)' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s c -l comment -d 'Comment stored in clear beside the secret' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s d -l digest -d 'HMAC digest' -r -f -a "SHA\t'SHA-1 (legacy; SHA1 is accepted too)'
SHA224\t'SHA-224'
SHA256\t'SHA-256 (default)'
SHA384\t'SHA-384'
SHA512\t'SHA-512'
MD5\t'MD5 (legacy)'"
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l expires -d 'When the new version expires: a lifetime (90d, 12h, 2w...) or an RFC 3339 time (2027-01-31T00:00:00Z, 2027-01-31). Reads of it afterwards warn; --strict refuses them (exit 7); `stale --expired` lists it' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l tag -d 'A KEY=VALUE tag on the new version, shown by list and history (repeatable)' -r
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
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s a -l autoversion -d 'Autoversion (the default; accepted for credstash compatibility)'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l legacy -d 'Write an item without the name-bound context, readable by plain credstash (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash; the variable is on unless empty, 0, false, no or off)'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l hmac-binary -d 'Store the hmac attribute as binary (Python 3 credstash\'s form) instead of a string'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand putall" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l prefix -d 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l map -d 'An explicit variable: VAR=NAME or VAR=NAME:VERSION' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l exclude -d 'Leave out the secrets whose names match PATTERN (`*` for any run of characters) from patterns, --prefix and --all; repeat it for several' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l allow -d 'Allowlist mode, recommended for production entrypoints: a variable derived from a secret\'s name must be one of these, or start with an entry ending in `*` (`APP_*`); repeat it or separate with commas. The denylist still applies; --map is always allowed' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -s f -l format -d 'Output format' -r -f -a "shell\t'export NAME=\'value\' lines for a POSIX shell'
dotenv\t'NAME=\'value\' lines that dotenv parsers read back exactly'
json\t'A JSON object of variables'
github\t'GitHub Actions: appends NAME<<DELIMITER blocks to the file GITHUB_ENV names and prints ::add-mask:: lines so the values are hidden in the log'
docker\t'NAME=value lines for docker\'s --env-file (single-line values only)'
k8s-secret\t'A Kubernetes v1 Secret manifest (YAML), values in base64 under `data`, keyed by variable name; needs --k8s-name'"
complete -c credstore -n "__fish_credstore_using_subcommand env" -l k8s-name -d 'With -f k8s-secret: the Secret\'s metadata.name (required with that format)' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l k8s-namespace -d 'With -f k8s-secret: the Secret\'s metadata.namespace [default: none, kubectl\'s]' -r
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
complete -c credstore -n "__fish_credstore_using_subcommand env" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand env" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand env" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l keep-case -d 'Keep the case of variable names derived from secret names'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l skip-inaccessible -d 'Skip secrets the key service refuses (each reported on stderr) instead of failing'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l with-previous -d 'Also export each secret\'s previous version (the one before the version read) as VAR_PREVIOUS, absent when there is none: during a rotation the application accepts both. VAR_PREVIOUS passes the denylist and --allow like VAR'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand env" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l prefix -d 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l map -d 'An explicit variable: VAR=NAME or VAR=NAME:VERSION' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l exclude -d 'Leave out the secrets whose names match PATTERN (`*` for any run of characters) from patterns, --prefix and --all; repeat it for several' -r
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
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l keep-case -d 'Keep the case of variable names derived from secret names'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l skip-inaccessible -d 'Skip secrets the key service refuses (each reported on stderr) instead of failing'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l with-previous -d 'Also export each secret\'s previous version (the one before the version read) as VAR_PREVIOUS, absent when there is none: during a rotation the application accepts both. VAR_PREVIOUS passes the denylist and --allow like VAR'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l no-clobber -d 'Keep variables that are already set instead of overriding them'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l pristine -d 'Pass only the secrets (and PATH) to the command, not this environment'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l no-path -d 'With --pristine, do not pass PATH either'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand exec" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l to-aws -d 'Target: DynamoDB + KMS (with the global AWS options), e.g. when copying from --local'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l dry-run -d 'Read and decrypt everything, and compare with the target; write nothing'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l skip-refused -d 'Leave out (and report) versions the key service refuses to decrypt, such as credstash items written under another context, instead of failing'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand copy" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l dry-run -d 'Compare and report; write nothing (and create no table)'
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand sync" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l dry-run -d 'Report what would change; call no KMS ReEncrypt and write nothing'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l allow-downgrade -d 'Also bind an unbound version that sorts after a bound version of its name. Reads refuse such a version as a possible downgrade (exit 5), and so does bind without this flag: use it only for a version you wrote yourself (with --legacy)'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand bind" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l all -d 'Every secret of the table'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l dry-run -d 'Report what would change; call no KMS ReEncrypt and write nothing'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand rekey" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand encrypt" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand decrypt" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand doctor" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l reader -d 'What get, getall, env, exec, list, keys and history need (the default)'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l writer -d 'The reader\'s rights, plus put and putall'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l admin -d 'The writer\'s rights, plus setup, delete, prune, sync, doctor and audit; bind and rekey without --prefix only'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l key-policy -d 'The KMS statements as a key policy\'s, with a Principal'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand policy" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l print-sql -d 'Print an Athena query over a CloudTrail table asking the same question (for history beyond 90 days) instead of reading CloudTrail'
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand audit" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
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
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand completions" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand render" -s o -l out -d 'Write this file instead of stdout (`-` is stdout); it appears only once complete (written to a temporary file beside it, then renamed), with --mode. A device or FIFO is written in place' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand render" -l mode -d 'Permission bits of the file -o creates, in octal (whatever the umask)' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand render" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand render" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand render" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand render" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand render" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l prefix -d 'Only the secrets whose names start with PREFIX' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l to-table -d 'The other side: this table [default: the source table\'s name]' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l to-local -d 'The other side: the embedded backend in this SQLite file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l to-region -d 'The other side: the table (same name unless --to-table) and KMS key in REGION' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand diff" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l to-aws -d 'The other side: DynamoDB + KMS (with the global AWS options), e.g. from --local'
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand diff" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand import" -l dotenv -d 'A dotenv file exactly as `env -f dotenv` writes it (`-` is stdin): each variable becomes the secret of that name; any other line is refused with its number' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand import" -l ssm -d 'Every SSM parameter under PATH, recursively (SecureStrings decrypted by SSM): each becomes the secret named by the rest of its name (`/app/db/pass` under `/app`: `db/pass`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l secrets-manager -d 'Secrets Manager secrets: a name, or a prefix ending in `*` (repeat it); each becomes the secret of its whole name' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l prefix -d 'Put PREFIX before every imported name (`app/`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand import" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand import" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand import" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand import" -l dry-run -d 'Print what would be stored (names only) and store nothing'
complete -c credstore -n "__fish_credstore_using_subcommand import" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand import" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand export" -l to-ssm -d 'Write the latest value of each secret as the SecureString parameter PATH/NAME (replacing its value; equal values are left alone)' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l prefix -d 'Only the secrets whose names start with PREFIX, left out of the parameter names' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l ssm-key -d 'The KMS key of the SecureStrings [default: SSM\'s, alias/aws/ssm]' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -s t -l table -d 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -s r -l region -d 'AWS region of the table [default: the SDK\'s, else us-east-1]' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l kms-region -d 'AWS region of the KMS key, when it differs from --region' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -s p -l profile -d 'Named profile from ~/.aws/config' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l endpoint-url -d 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l local -d 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand export" -l unbound -d 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse' -r -f -a "allow\t'Read them silently, as credstash does'
warn\t'Read them with one warning per command; refuse downgrades'
refuse\t'Refuse them (as --strict)'"
complete -c credstore -n "__fish_credstore_using_subcommand export" -s k -l key -d 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l read-key -d 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l replica-region -d 'Also wrap each new data key under the same key alias (or the multi-Region key\'s replica) in REGION, so reads fail over there when the home region\'s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l kms-timeout -d 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region\'s wrap (`3s`, `1500ms`)' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l concurrency -d 'Key-service calls in flight during bulk reads' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l scan-segments -d 'Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments when the table spans more than one page]' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l max-attempts -d 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l log-level -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l log-file -d 'Accepted for credstash compatibility and ignored: credstore writes no log file' -r -F
complete -c credstore -n "__fish_credstore_using_subcommand export" -l timeout -d 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: 60s for get, getall, list, keys, history, env, exec and doctor; none for the others]' -r
complete -c credstore -n "__fish_credstore_using_subcommand export" -l dry-run -d 'Print which parameters would be written (names only) and write nothing'
complete -c credstore -n "__fish_credstore_using_subcommand export" -l strict -d 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse; also refuse versions past their --expires time (exit 7). The variable is on unless empty, 0, false, no or off'
complete -c credstore -n "__fish_credstore_using_subcommand export" -l debug -d 'Log to stderr what the command does: the AWS configuration, where credentials come from, and one line per AWS call (service, operation, region, endpoint, attempts, HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels instead, and shows the AWS SDK\'s own events (`credstore=debug,aws_smithy_runtime=debug`)'
complete -c credstore -n "__fish_credstore_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "setup" -d 'Create the table (idempotent) and print the IAM policy readers and writers need'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "put" -d 'Store a new version of a secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "get" -d 'Print a secret\'s value (or several, with a `*` pattern)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "getall" -d 'Print the latest version of every secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "list" -d 'List every item: name, version, comment, creation time'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "keys" -d 'List the secret names'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "find" -d 'List the secret names that contain a text, in any case'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "history" -d 'List the versions of one secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "rollback" -d 'Make an older version\'s value the latest again, as a new version, without decrypting it (KMS ReEncrypt of its data key; contents and hmac copied)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "stale" -d 'List the secrets whose latest version is older than --max-age or past its expiry, one line each; exit 1 when there is any (for CI and cron). Reads no value'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "delete" -d 'Delete a secret (every version, or one with -v)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "prune" -d 'Delete old versions of a secret, keeping the latest ones'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "putall" -d 'Store several secrets from a JSON object {"name": "value", ...}'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "env" -d 'Print selected secrets as environment variable assignments'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "exec" -d 'Run a command with selected secrets in its environment (replaces this process)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "copy" -d 'Copy every version of every secret to another table or backend'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "sync" -d 'Copy every item as it is (nothing decrypted) to a table in another region, so that region serves reads (`-r REGION get`) when the home region is down'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "bind" -d 'Bind unbound versions (credstash\'s) to their names, with KMS ReEncrypt (no plaintext)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "rekey" -d 'Re-encrypt data keys under another KMS key, with KMS ReEncrypt (no plaintext)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "encrypt" -d 'Encrypt a file or stream under a fresh KMS data key (stdin to stdout by default)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "decrypt" -d 'Decrypt what `encrypt` wrote (stdin to stdout by default)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "doctor" -d 'Check the account, region, endpoint, table and key a command would use, one line each (exit 1 when one fails); reads and prints no secret'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "policy" -d 'Print the least-privilege IAM policy of a reader, writer or admin, for the whole table or only the secrets under some name prefixes'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "audit" -d 'Who called KMS on which secret, and when: the key\'s events in CloudTrail (home and replica regions, 90 days), one row per call, refusals included'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "completions" -d 'Print a shell completion script'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "render" -d 'Fill a template with secrets (`{{ secret "NAME" | json }}`), to stdout or a file written atomically with mode 0600'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "diff" -d 'Compare the secrets with another table, region or backend: names and versions only on one side, and whether the latest values are equal (never printed); exit 1 when they differ'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "import" -d 'Store values from a dotenv file, SSM Parameter Store or Secrets Manager as new versions (values equal to the latest are skipped)'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "export" -d 'Write the latest values to SSM Parameter Store as SecureStrings'
complete -c credstore -n "__fish_credstore_using_subcommand help; and not __fish_seen_subcommand_from setup put get getall list keys find history rollback stale delete prune putall env exec copy sync bind rekey encrypt decrypt doctor policy audit completions render diff import export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
