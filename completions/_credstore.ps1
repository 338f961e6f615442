
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'credstore' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'credstore'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'credstore' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'ARN of a role to assume first')
            [CompletionResult]::new('--arn', '--arn', [CompletionResultType]::ParameterName, 'ARN of a role to assume first')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Create the table (idempotent) and print the IAM policy readers and writers need')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Store a new version of a secret')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value (or several, with a `*` pattern)')
            [CompletionResult]::new('getall', 'getall', [CompletionResultType]::ParameterValue, 'Print the latest version of every secret')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every item: name, version, comment, creation time')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List the secret names')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List the versions of one secret')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret (every version, or one with -v)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete old versions of a secret, keeping the latest ones')
            [CompletionResult]::new('putall', 'putall', [CompletionResultType]::ParameterValue, 'Store several secrets from a JSON object {"name": "value", ...}')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print selected secrets as environment variable assignments')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with selected secrets in its environment (replaces this process)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every version of every secret to another table or backend')
            [CompletionResult]::new('bind', 'bind', [CompletionResultType]::ParameterValue, 'Bind unbound versions (credstash''s) to their names, with KMS ReEncrypt (no plaintext)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-encrypt data keys under another KMS key, with KMS ReEncrypt (no plaintext)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credstore;setup' {
            [CompletionResult]::new('--provisioned', '--provisioned', [CompletionResultType]::ParameterName, 'Provisioned capacity instead of on-demand billing')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags for the table')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;put' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Write exactly this version (padded to 19 characters like credstash)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Write exactly this version (padded to 19 characters like credstash)')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the value from this file')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Comment stored in clear beside the secret')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Comment stored in clear beside the secret')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'HMAC digest')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'HMAC digest')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Autoversion (the default; accepted for credstash compatibility)')
            [CompletionResult]::new('--autoversion', '--autoversion', [CompletionResultType]::ParameterName, 'Autoversion (the default; accepted for credstash compatibility)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Prompt for the value without echo')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'Prompt for the value without echo')
            [CompletionResult]::new('--legacy', '--legacy', [CompletionResultType]::ParameterName, 'Write an item without the name-bound context, readable by plain credstash (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash; the variable is on unless empty, 0, false, no or off)')
            [CompletionResult]::new('--hmac-binary', '--hmac-binary', [CompletionResultType]::ParameterName, 'Store the hmac attribute as binary (Python 3 credstash''s form) instead of a string')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;get' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Read this version instead of the latest')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Read this version instead of the latest')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format when the name is a pattern')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format when the name is a pattern')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'No trailing newline')
            [CompletionResult]::new('--noline', '--noline', [CompletionResultType]::ParameterName, 'No trailing newline')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;getall' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'credstash''s `getall -v`; refused here (one version number rarely means the same thing across secrets): read one secret''s version with `get NAME -v VERSION`')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'credstash''s `getall -v`; refused here (one version number rarely means the same thing across secrets): read one secret''s version with `get NAME -v VERSION`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--latest', '--latest', [CompletionResultType]::ParameterName, 'Only the latest version of each name')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;keys' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;history' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;delete' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Delete only this version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Delete only this version')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be deleted; delete nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before deleting every version (asked only on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before deleting every version (asked only on a terminal)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;prune' {
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'How many of the latest versions to keep (at least 1; `delete` removes them all)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be deleted; delete nothing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;putall' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Write every entry at exactly this version (padded like credstash)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Write every entry at exactly this version (padded like credstash)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Comment stored in clear beside the secret')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Comment stored in clear beside the secret')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'HMAC digest')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'HMAC digest')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Autoversion (the default; accepted for credstash compatibility)')
            [CompletionResult]::new('--autoversion', '--autoversion', [CompletionResultType]::ParameterName, 'Autoversion (the default; accepted for credstash compatibility)')
            [CompletionResult]::new('--legacy', '--legacy', [CompletionResultType]::ParameterName, 'Write an item without the name-bound context, readable by plain credstash (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash; the variable is on unless empty, 0, false, no or off)')
            [CompletionResult]::new('--hmac-binary', '--hmac-binary', [CompletionResultType]::ParameterName, 'Store the hmac attribute as binary (Python 3 credstash''s form) instead of a string')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;env' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'An explicit variable: VAR=NAME or VAR=NAME:VERSION')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Allowlist mode: a variable derived from a secret''s name must be one of these (repeat it, or separate with commas); --map is always allowed')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret of the table')
            [CompletionResult]::new('--keep-case', '--keep-case', [CompletionResultType]::ParameterName, 'Keep the case of variable names derived from secret names')
            [CompletionResult]::new('--skip-inaccessible', '--skip-inaccessible', [CompletionResultType]::ParameterName, 'Skip secrets the key service refuses (each reported on stderr) instead of failing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;exec' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret whose name starts with PREFIX; the prefix is stripped from the variable')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'An explicit variable: VAR=NAME or VAR=NAME:VERSION')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Allowlist mode: a variable derived from a secret''s name must be one of these (repeat it, or separate with commas); --map is always allowed')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret of the table')
            [CompletionResult]::new('--keep-case', '--keep-case', [CompletionResultType]::ParameterName, 'Keep the case of variable names derived from secret names')
            [CompletionResult]::new('--skip-inaccessible', '--skip-inaccessible', [CompletionResultType]::ParameterName, 'Skip secrets the key service refuses (each reported on stderr) instead of failing')
            [CompletionResult]::new('--no-clobber', '--no-clobber', [CompletionResultType]::ParameterName, 'Keep variables that are already set instead of overriding them')
            [CompletionResult]::new('--pristine', '--pristine', [CompletionResultType]::ParameterName, 'Pass only the secrets (and PATH) to the command, not this environment')
            [CompletionResult]::new('--no-path', '--no-path', [CompletionResultType]::ParameterName, 'With --pristine, do not pass PATH either')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;copy' {
            [CompletionResult]::new('--to-table', '--to-table', [CompletionResultType]::ParameterName, 'Target table [default: the source table''s name]')
            [CompletionResult]::new('--to-local', '--to-local', [CompletionResultType]::ParameterName, 'Target: the embedded backend in this SQLite file')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--to-aws', '--to-aws', [CompletionResultType]::ParameterName, 'Target: DynamoDB + KMS (with the global AWS options), e.g. when copying from --local')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Read and decrypt everything, write nothing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;bind' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret of the table')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Report what would change; call no KMS ReEncrypt and write nothing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;rekey' {
            [CompletionResult]::new('--to-key', '--to-key', [CompletionResultType]::ParameterName, 'The KMS key to wrap the data keys under (key id, key ARN, alias name or alias ARN)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret of the table')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Report what would change; call no KMS ReEncrypt and write nothing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;completions' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'DynamoDB table (or table inside the --local file). `env` and `exec` accept it several times: tables are merged in order, later ones win')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region of the table [default: the SDK''s, else us-east-1]')
            [CompletionResult]::new('--kms-region', '--kms-region', [CompletionResultType]::ParameterName, 'AWS region of the KMS key, when it differs from --region')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed)')
            [CompletionResult]::new('--unbound', '--unbound', [CompletionResultType]::ParameterName, 'What reads do with items not bound to their name: allow; warn (once per command, and refuse one whose name also has bound versions, a downgrade); refuse')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'KMS key for new data keys [default: alias/credstash]. When given, reads also accept only data keys wrapped under it (unless --read-key says otherwise)')
            [CompletionResult]::new('--read-key', '--read-key', [CompletionResultType]::ParameterName, 'A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with commas, during a key rotation). A data key wrapped under any other key is refused')
            [CompletionResult]::new('--replica-region', '--replica-region', [CompletionResultType]::ParameterName, 'Also wrap each new data key under the same key alias (or the multi-Region key''s replica) in REGION, so reads fail over there when the home region''s KMS is down (repeat it, or separate with commas). DynamoDB + KMS only')
            [CompletionResult]::new('--kms-timeout', '--kms-timeout', [CompletionResultType]::ParameterName, 'Longest a KMS call may take, retries included, before it counts as an outage and a read fails over to a replica region''s wrap (`3s`, `1500ms`)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Key-service calls in flight during bulk reads')
            [CompletionResult]::new('--scan-segments', '--scan-segments', [CompletionResultType]::ParameterName, 'Parallel DynamoDB scan segments for bulk reads [default 1: one page, then 8 segments when the table spans more than one page]')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart, on throttling, 5xx and network errors; KMS throttling is retried at one shared pace adapting to the KMS quota, failing after N throttled attempts with no progress)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Accepted for credstash compatibility and ignored: credstore writes no log file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is seconds), naming how many secrets were read [default: none; 60s for exec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Refuse items that are not bound to their name (written by credstash or --legacy); the same as --unbound refuse. The variable is on unless empty, 0, false, no or off')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credstore;help' {
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Create the table (idempotent) and print the IAM policy readers and writers need')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Store a new version of a secret')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value (or several, with a `*` pattern)')
            [CompletionResult]::new('getall', 'getall', [CompletionResultType]::ParameterValue, 'Print the latest version of every secret')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every item: name, version, comment, creation time')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'List the secret names')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List the versions of one secret')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret (every version, or one with -v)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete old versions of a secret, keeping the latest ones')
            [CompletionResult]::new('putall', 'putall', [CompletionResultType]::ParameterValue, 'Store several secrets from a JSON object {"name": "value", ...}')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print selected secrets as environment variable assignments')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with selected secrets in its environment (replaces this process)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every version of every secret to another table or backend')
            [CompletionResult]::new('bind', 'bind', [CompletionResultType]::ParameterValue, 'Bind unbound versions (credstash''s) to their names, with KMS ReEncrypt (no plaintext)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Re-encrypt data keys under another KMS key, with KMS ReEncrypt (no plaintext)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credstore;help;setup' {
            break
        }
        'credstore;help;put' {
            break
        }
        'credstore;help;get' {
            break
        }
        'credstore;help;getall' {
            break
        }
        'credstore;help;list' {
            break
        }
        'credstore;help;keys' {
            break
        }
        'credstore;help;history' {
            break
        }
        'credstore;help;delete' {
            break
        }
        'credstore;help;prune' {
            break
        }
        'credstore;help;putall' {
            break
        }
        'credstore;help;env' {
            break
        }
        'credstore;help;exec' {
            break
        }
        'credstore;help;copy' {
            break
        }
        'credstore;help;bind' {
            break
        }
        'credstore;help;rekey' {
            break
        }
        'credstore;help;completions' {
            break
        }
        'credstore;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
