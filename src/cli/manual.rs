//! What `--help` and the man pages say beyond the options: examples per command, exit
//! status, environment, files and related commands. The text lives here once; `args`
//! puts the examples after each command's help, and the man page generator adds every
//! section.

/// (command line, what it does) examples of one command; empty for a command with none.
pub(crate) fn examples(command: &str) -> &'static [(&'static str, &'static str)] {
    match command {
        "setup" => &[
            (
                "credstore setup",
                "create the table (on-demand, PITR, deletion protection) and print the IAM policies",
            ),
            (
                "credstore --local dev.db setup",
                "the embedded backend: dev.db and its key file dev.db.key",
            ),
        ],
        "put" => &[
            (
                "credstore put db.password 's3cr3t'",
                "the next version (1, 2, ...)",
            ),
            (
                "credstore put db.password @password.txt -c rotated",
                "from a file, with a comment",
            ),
            (
                "printf %s \"$PW\" | credstore put api.token - env=prod",
                "from stdin, with an encryption context",
            ),
            (
                "credstore put db.password --generate --if-absent",
                "a random value (32 alnum characters, never printed), only if the name is new",
            ),
            (
                "credstore put api.token - --expires 90d --tag team=payments",
                "with an expiry (reads warn after it) and a tag",
            ),
        ],
        "rollback" => &[
            (
                "credstore rollback db.password",
                "the previous value as a new version (KMS ReEncrypt, nothing decrypted)",
            ),
            (
                "credstore rollback db.password --to 3",
                "version 3's value as a new version",
            ),
        ],
        "stale" => &[
            (
                "credstore stale",
                "secrets not rotated for 90 days or past their expiry; exit 1 when any",
            ),
            (
                "credstore stale --expired 'app1/*' -f json",
                "the expired ones a pattern selects, for scripts",
            ),
        ],
        "get" => &[
            (
                "credstore get db.password",
                "the latest version, raw, with a newline",
            ),
            ("credstore get db.password -v 1 -n", "version 1, no newline"),
            (
                "credstore get 'db.*' -f dotenv",
                "several secrets, as NAME='value' lines",
            ),
        ],
        "getall" => &[
            ("credstore getall", "every secret as a JSON object"),
            (
                "credstore getall -f dotenv --exclude 'legacy/*' > .env",
                "a dotenv file, leaving some out",
            ),
        ],
        "list" => &[
            (
                "credstore list",
                "name -- version -- comment -- created, every version",
            ),
            (
                "credstore list 'app1/*' --latest",
                "the latest version of the names a pattern selects",
            ),
            ("credstore list -f json", "for scripts"),
        ],
        "keys" => &[
            ("credstore keys", "every name"),
            ("credstore keys 'app1/*'", "the names a pattern selects"),
        ],
        "find" => &[
            (
                "credstore find password",
                "every name containing `password` (any case)",
            ),
            ("credstore find 'db*prod'", "a pattern anywhere in the name"),
        ],
        "history" => &[
            (
                "credstore history db.password",
                "every version of one secret",
            ),
            (
                "credstore history db.password -f json",
                "with contexts, for scripts",
            ),
        ],
        "delete" => &[
            ("credstore delete db.password -v 1", "one version"),
            (
                "credstore delete db.password --dry-run",
                "what would go; without it, asks on a terminal (-y does not)",
            ),
        ],
        "prune" => &[
            (
                "credstore prune db.password --keep 3 --dry-run",
                "what would go: all but the 3 latest versions",
            ),
            ("credstore prune db.password --keep 3", "delete them"),
        ],
        "putall" => &[
            (
                "credstore putall '{\"a\": \"1\", \"b\": \"2\"}'",
                "two secrets",
            ),
            (
                "credstore putall @secrets.json env=prod",
                "from a file, with a context",
            ),
        ],
        "env" => &[
            (
                "credstore env --prefix app1/ -f dotenv > .env",
                "app1/db.url becomes DB_URL",
            ),
            (
                "eval \"$(credstore env 'db.*')\"",
                "export them into this shell",
            ),
            (
                "credstore env --prefix app1/ -f github",
                "in a GitHub Actions step: masked, appended to $GITHUB_ENV",
            ),
        ],
        "exec" => &[
            (
                "credstore exec --prefix app1/ -- ./server",
                "run ./server with app1's secrets as variables",
            ),
            (
                "credstore exec --map PGPASSWORD=db.password -- psql",
                "an explicit variable",
            ),
            (
                "credstore exec --all --exclude 'admin/*' --allow 'APP_*' -- ./server",
                "an allowlist, for production entrypoints",
            ),
        ],
        "copy" => &[
            (
                "credstore --local dev.db copy --to-aws",
                "the embedded store to DynamoDB + KMS",
            ),
            (
                "credstore copy --to-region eu-west-1 --dry-run",
                "compare with another region's table",
            ),
        ],
        "render" => &[
            (
                "credstore render database.yml.tmpl -o config/database.yml",
                "fill {{ secret \"NAME\" | yaml }} tags; the file appears complete, mode 0600",
            ),
            ("credstore render - < .npmrc.tmpl", "stdin to stdout"),
        ],
        "diff" => &[
            (
                "credstore diff --prefix app/ --to-table staging-store",
                "names, versions and equal/different latest values, never a value; exit 1 when they differ",
            ),
            (
                "credstore diff --to-local backup.db",
                "compare with an embedded store made by copy",
            ),
        ],
        "import" => &[
            (
                "credstore import --dotenv app.env --prefix app/",
                "what `env -f dotenv` wrote, as app/NAME",
            ),
            (
                "credstore import --ssm /app/prod --dry-run",
                "every parameter under the path: what would be stored, names only",
            ),
            (
                "credstore import --secrets-manager 'prod/*'",
                "every Secrets Manager secret whose name starts with prod/",
            ),
        ],
        "export" => &[(
            "credstore export --to-ssm /app/prod --prefix app/prod/",
            "the latest values as SecureStrings /app/prod/NAME",
        )],
        "sync" => &[(
            "credstore sync --to-region eu-west-1",
            "items as they are (nothing decrypted) to eu-west-1's table",
        )],
        "bind" => &[
            (
                "credstore bind --all --dry-run",
                "which credstash items would be bound",
            ),
            (
                "credstore bind 'app1.*' env=prod",
                "items credstash wrote with a context",
            ),
        ],
        "rekey" => &[(
            "credstore rekey --all --to-key alias/new",
            "move every data key to another KMS key",
        )],
        "encrypt" => &[
            (
                "credstore encrypt app=billing < dump.sql > dump.sql.cse",
                "a stream, under a context",
            ),
            (
                "credstore encrypt -i big.tar -o big.tar.cse",
                "a file of any size",
            ),
        ],
        "decrypt" => &[
            (
                "credstore decrypt -i dump.sql.cse -o dump.sql",
                "with the header's context",
            ),
            (
                "credstore decrypt app=billing -i dump.sql.cse",
                "only if the context is exactly this",
            ),
        ],
        "doctor" => &[
            (
                "credstore doctor",
                "region, endpoint, identity, table and key, one line each",
            ),
            (
                "credstore -r eu-west-1 -p prod doctor",
                "what another region and profile would use",
            ),
        ],
        "policy" => &[
            (
                "credstore policy --reader --prefix app1/",
                "what one service's role needs",
            ),
            (
                "credstore policy --admin --key-policy",
                "the key policy statements of an admin",
            ),
        ],
        "completions" => &[
            (
                "credstore completions bash > /etc/bash_completion.d/credstore",
                "bash",
            ),
            (
                "credstore completions zsh > \"${fpath[1]}/_credstore\"",
                "zsh",
            ),
        ],
        _ => &[],
    }
}

/// The examples as `--help` shows them after the options.
pub(crate) fn examples_help(command: &str) -> Option<String> {
    let examples = examples(command);
    if examples.is_empty() {
        return None;
    }
    let mut text = String::from("Examples:\n");
    for (line, what) in examples {
        text.push_str(&format!("  {line}\n      {what}\n"));
    }
    Some(text)
}

#[cfg(test)] // man pages are generated by a test
/// Exit codes every command shares (README "Exit codes").
const EXIT_CODES: [(&str, &str); 8] = [
    ("0", "success (also when the output pipe is closed early)"),
    (
        "1",
        "other error: network, table missing, a KMS outage, a question answered no",
    ),
    (
        "2",
        "usage or invalid input: bad arguments, a reserved context key, a denied variable name",
    ),
    ("3", "secret or version not found (credstash exits 1)"),
    (
        "4",
        "integrity failure: HMAC mismatch, an item not in the credstash format, an altered envelope",
    ),
    (
        "5",
        "key refused: wrong encryption context, access denied, an unbound item in strict mode or a downgrade",
    ),
    ("6", "version conflict: the version already exists"),
    (
        "7",
        "expired: the version read is past its --expires time and --strict is on",
    ),
];

#[cfg(test)] // man pages are generated by a test
/// What one command's exit status adds to the shared codes.
fn exit_note(command: &str) -> Option<&'static str> {
    Some(match command {
        "exec" => {
            "exec replaces itself with the command, whose status is then the exit status; 127 when the command is not found, 126 when it is not executable; nothing is run when a secret cannot be read"
        }
        "doctor" => "1 when a check fails",
        "stale" => "1 when any secret is stale (listed on stdout), 0 when none is",
        "putall" => "1 when any entry failed (each is named; the others were stored)",
        "delete" | "prune" => {
            "1 when the question on a terminal is not answered yes (nothing is deleted)"
        }
        "sync" => "6 when the target holds another item at a version (reported, left as it is)",
        "bind" | "rekey" => "the most serious failure's code when any version failed",
        _ => return None,
    })
}

#[cfg(test)] // man pages are generated by a test
/// Environment variables every command reads.
const ENVIRONMENT: [(&str, &str); 14] = [
    (
        "CREDSTORE_TABLE, CREDSTASH_DEFAULT_TABLE",
        "the table (-t), default credential-store",
    ),
    ("CREDSTORE_LOCAL", "the embedded backend's file (--local)"),
    (
        "AWS_REGION, AWS_DEFAULT_REGION",
        "the region (-r), else the profile's, else us-east-1",
    ),
    (
        "AWS_PROFILE",
        "the profile (-p wins over it and over the environment's keys)",
    ),
    (
        "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_KMS",
        "endpoint overrides (--endpoint-url)",
    ),
    (
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
        "credentials, as the AWS SDK reads them",
    ),
    ("CREDSTORE_KMS_KEY", "the KMS key of new data keys (-k)"),
    (
        "CREDSTORE_READ_KEYS",
        "the KMS keys reads accept (--read-key), comma-separated",
    ),
    (
        "CREDSTORE_STRICT, CREDSTORE_UNBOUND",
        "what reads do with items not bound to their name (--strict, --unbound); --strict also refuses expired versions",
    ),
    (
        "CREDSTORE_LEGACY",
        "put and putall write items plain credstash reads (--legacy)",
    ),
    (
        "CREDSTORE_REPLICA_REGIONS",
        "regions that also wrap each new data key (--replica-region)",
    ),
    (
        "CREDSTORE_KMS_TIMEOUT",
        "longest a KMS call may take (--kms-timeout)",
    ),
    (
        "CREDSTORE_TIMEOUT",
        "longest the command may take (--timeout)",
    ),
    (
        "RUST_LOG",
        "log levels per module instead of --debug's (credstore=debug,aws_config=info)",
    ),
];

#[cfg(test)] // man pages are generated by a test
/// What one command adds to the environment it reads.
fn environment_note(command: &str) -> &'static [(&'static str, &'static str)] {
    match command {
        "env" | "exec" => &[
            ("CREDSTORE_ALLOW", "allowlist of variable names (--allow)"),
            ("GITHUB_ENV", "the file -f github appends to (env)"),
        ],
        "get" | "getall" => &[("GITHUB_ENV", "the file -f github appends to")],
        _ => &[],
    }
}

#[cfg(test)] // man pages are generated by a test
/// Files every command may read.
const FILES: [(&str, &str); 3] = [
    (
        "~/.aws/config, ~/.aws/credentials",
        "profiles and credentials (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)",
    ),
    (
        "FILE (--local FILE)",
        "the embedded backend's SQLite table, mode 0600",
    ),
    (
        "FILE.key",
        "its master key, mode 0600: back it up, nothing decrypts without it",
    ),
];

#[cfg(test)] // man pages are generated by a test
/// Commands to read about with this one.
fn see_also(command: &str) -> &'static [&'static str] {
    match command {
        "put" | "putall" => &["get", "history", "prune", "rollback"],
        "rollback" => &["history", "put"],
        "stale" => &["list", "history", "put"],
        "get" | "getall" => &["env", "list", "history"],
        "list" | "keys" | "find" | "history" => &["get", "delete", "prune"],
        "delete" | "prune" => &["history", "list"],
        "env" | "exec" => &["getall", "get"],
        "copy" | "sync" => &["setup", "doctor"],
        "diff" => &["copy", "sync"],
        "import" | "export" => &["env", "diff"],
        "render" => &["get", "env"],
        "bind" | "rekey" => &["doctor", "policy"],
        "encrypt" | "decrypt" => &["doctor"],
        "doctor" => &["setup", "policy"],
        "setup" | "policy" => &["doctor"],
        _ => &[],
    }
}

#[cfg(test)] // man pages are generated by a test
/// More about exec than its options say.
const EXEC_NOTES: &str = "Everything after `--` is the command and its arguments, looked up with \
your PATH before the secrets are in its environment (a secret never chooses the binary). credstore \
replaces itself with it (execvp): the command receives signals directly and its exit status is \
credstore's. A variable derived from a secret's name is refused when it could run code or redirect a \
program (PATH, LD_*, BASH_ENV, NODE_OPTIONS, HTTPS_PROXY... the denylist in the README); only \
--map VAR=NAME sets one, and --exclude leaves such a secret out. With --allow, derived variables \
must be on the allowlist.";

#[cfg(test)] // man pages are generated by a test
/// A text as roff: backslashes, dashes and a leading control character escaped.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)] // man pages are generated by a test
/// A tagged paragraph: the tag in bold, then its text.
fn item(out: &mut String, tag: &str, text: &str) {
    out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(tag), roff(text)));
}

#[cfg(test)] // man pages are generated by a test
/// The man page sections after the options: EXAMPLES, EXIT STATUS, ENVIRONMENT, FILES
/// and SEE ALSO (NOTES for exec), as roff. `command` is None for credstore(1) itself.
pub(crate) fn man_sections(command: Option<&str>) -> String {
    let name = command.unwrap_or("");
    let mut out = String::new();
    if name == "exec" {
        out.push_str(&format!(".SH NOTES\n{}\n", roff(EXEC_NOTES)));
    }
    let examples = examples(name);
    if !examples.is_empty() {
        out.push_str(".SH EXAMPLES\n");
        for (line, what) in examples {
            item(&mut out, line, what);
        }
    }
    out.push_str(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in EXIT_CODES {
        item(&mut out, code, meaning);
    }
    if let Some(note) = exit_note(name) {
        out.push_str(&format!(".PP\n{}\n", roff(note)));
    }
    out.push_str(".SH ENVIRONMENT\n");
    for (var, meaning) in ENVIRONMENT.iter().chain(environment_note(name)) {
        item(&mut out, var, meaning);
    }
    out.push_str(".SH FILES\n");
    for (file, meaning) in FILES {
        item(&mut out, file, meaning);
    }
    out.push_str(".SH \"SEE ALSO\"\n");
    let mut pages: Vec<String> = Vec::new();
    if command.is_some() {
        pages.push("\\fBcredstore\\fR(1)".to_string());
    }
    for other in see_also(name) {
        pages.push(format!("\\fBcredstore\\-{other}\\fR(1)"));
    }
    pages.push("\\fBcredstash\\fR(1)".to_string());
    out.push_str(&pages.join(", "));
    out.push_str("\n.PP\nThe README, in the source distribution, is the full guide.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_escapes_what_roff_would_read() {
        assert_eq!(roff("-x \\ y"), "\\-x \\e y");
        assert_eq!(roff(".hidden"), "\\&.hidden");
    }

    #[test]
    fn every_page_has_the_sections() {
        for command in [None, Some("get"), Some("exec")] {
            let text = man_sections(command);
            for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO"] {
                assert!(text.contains(section), "{command:?}: {section}");
            }
        }
        assert!(man_sections(Some("exec")).contains("127"));
        assert!(man_sections(Some("exec")).contains(".SH NOTES"));
    }
}
