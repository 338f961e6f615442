//! Runs one parsed command: turns arguments into library requests and renders results.

use crate::cli::{
    Cli, Command, DigestArg, EnvFormat, ExecArgs, Global, OutputFormat, SelectArgs, WriteOptions,
};
use crate::diag::diag;
use crate::exit::Failure;
use credstore::backend::{self, AwsOptions};
use credstore::client::{Client, PutRequest, Secret, Selection, Settings, Summary, UnboundPolicy};
use credstore::context::EncryptionContext;
use credstore::crypto::Digest;
use credstore::error::Error;
use credstore::printable::escape;
use credstore::record::HmacEncoding;
use credstore::secret::SecretBytes;
use credstore::select::{self, EnvRequest, EnvVar, Source};
use credstore::store::{SetupOptions, SetupOutcome};
use credstore::{envname, export};
use futures::stream::{self, StreamExt};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use zeroize::Zeroizing;

/// Bulk reads of fewer secrets finish too fast for a progress bar to help.
const PROGRESS_MIN_SECRETS: usize = 100;

/// Default table name, as credstash.
const DEFAULT_TABLE: &str = "credential-store";

/// What `main` does after a command returns.
pub enum Outcome {
    /// The command is done.
    Done,
    /// Replace this process with the prepared command (after the runtime is gone).
    Exec(std::process::Command),
}

/// Unbound items read by this command (reported once, at the end).
static UNBOUND_READS: AtomicUsize = AtomicUsize::new(0);

/// Runs `cli`'s command.
pub async fn run(cli: Cli) -> Result<Outcome, Failure> {
    let g = &cli.global;
    let outcome = if let Command::Exec(args) = &cli.command {
        exec_command(g, args).await.map(Outcome::Exec)
    } else {
        run_simple(g, &cli.command).await.map(|()| Outcome::Done)
    };
    // On failure the error is what matters; the warning would bury it.
    if outcome.is_ok() {
        warn_unbound();
    }
    outcome
}

/// One warning per command when unbound items were read under the default policy.
fn warn_unbound() {
    let n = UNBOUND_READS.load(Ordering::Relaxed);
    if n == 0 {
        return;
    }
    let items = if n == 1 { "item was" } else { "items were" };
    diag!(
        "warning: {n} {items} read that {} not bound to {} name (written by credstash or with \
         --legacy): anyone who can write the table could swap {} unnoticed. Re-put with \
         credstore to bind, refuse them with --strict, or silence this with --unbound allow",
        if n == 1 { "is" } else { "are" },
        if n == 1 { "its" } else { "their" },
        if n == 1 { "it" } else { "them" },
    );
}

/// Runs every command but `exec` (which `run` prepares for `main` to launch).
async fn run_simple(g: &Global, command: &Command) -> Result<(), Failure> {
    match command {
        Command::Exec(args) => Err(Failure::Other(format!(
            "internal error: exec of {:?} reached the wrong runner",
            args.command.first()
        ))),
        Command::Env(args) => {
            let vars = resolve_vars(g, &args.select).await?;
            let format = match args.format {
                EnvFormat::Shell => export::Format::Shell,
                EnvFormat::Dotenv => export::Format::Dotenv,
                EnvFormat::Json => export::Format::Json,
            };
            let pairs: Vec<(String, SecretBytes)> =
                vars.into_iter().map(|v| (v.var, v.value)).collect();
            let text = export::render(format, &pairs)
                .map(Zeroizing::new)
                .map_err(|e| Failure::Lib(Error::InvalidInput(e.to_string())))?;
            write_out(&text)
        }
        Command::Copy(args) => {
            let context = user_context(&args.context)?;
            let source = client(g, false, HmacEncoding::default()).await?;
            let source_table = table_name(g)?;
            let target_table = args.to_table.clone().unwrap_or(source_table.clone());
            let target = match (&args.to_local, args.to_aws) {
                _ if args.dry_run => None,
                (Some(path), _) => Some(backend::local_client(
                    path,
                    &target_table,
                    true,
                    settings(g),
                )?),
                (None, true) => {
                    let options = aws_options(g, HmacEncoding::default());
                    Some(backend::aws_client(&options, &target_table, settings(g)).await?)
                }
                (None, false) => {
                    if target_table == source_table {
                        return Err(Failure::Usage(
                            "copy needs a target: --to-table, --to-local FILE or --to-aws".into(),
                        ));
                    }
                    Some(client_for(g, &target_table, true, HmacEncoding::default()).await?)
                }
            };
            if let Some(target) = &target {
                target.setup(&SetupOptions::default()).await?;
            }
            let summary = source.copy_to(target.as_ref(), &context).await?;
            let verb = if args.dry_run { "would copy" } else { "copied" };
            let mut text = String::new();
            for (name, version) in &summary.copied {
                text.push_str(&format!(
                    "{verb} {} -- version {}\n",
                    escape(name),
                    escape(version)
                ));
            }
            for (name, version) in &summary.skipped {
                text.push_str(&format!(
                    "skipped {} -- version {} (already in the target)\n",
                    escape(name),
                    escape(version)
                ));
            }
            write_out(text.as_bytes())?;
            diag!(
                "{} {} items, skipped {} already present",
                verb,
                summary.copied.len(),
                summary.skipped.len()
            );
            Ok(())
        }
        Command::Completions(args) => {
            // Into a buffer first: clap_complete panics on a write error (a closed pipe).
            let mut script = Vec::new();
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut cmd, "credstore", &mut script);
            write_out(&script)
        }
        Command::Setup(args) => {
            let provisioned = match args.provisioned.as_deref() {
                Some([r, w]) if *r > 0 && *w > 0 => Some((*r, *w)),
                Some(_) => {
                    return Err(Failure::Usage(
                        "--provisioned takes two positive numbers: READ WRITE".into(),
                    ));
                }
                None => None,
            };
            let mut tags = Vec::new();
            for t in &args.tags {
                let (k, v) = t.split_once('=').ok_or_else(|| {
                    Failure::Usage(format!("tag {t:?} is not of the form KEY=VALUE"))
                })?;
                tags.push((k.to_string(), v.to_string()));
            }
            if tags.is_empty() {
                // credstash tags its table Name=credstash; keep that for tooling that looks for it.
                tags.push(("Name".to_string(), "credstash".to_string()));
            }
            let client = client(g, true, HmacEncoding::default()).await?;
            let outcome = client.setup(&SetupOptions { provisioned, tags }).await?;
            let table = table_name(g)?;
            match outcome {
                SetupOutcome::Created => diag!("Table {table:?} has been created."),
                SetupOutcome::AlreadyExists => diag!("Table {table:?} already exists."),
            }
            if g.local.is_none() {
                write_out(iam_policy(&table, &settings(g).key_id).as_bytes())?;
            }
            Ok(())
        }
        Command::Put(args) => {
            // With --prompt or --from-file there is no VALUE: a first `k=v` is context.
            let (value_arg, context_args) = if args.prompt || args.from_file.is_some() {
                let all = args.value.iter().chain(&args.context).cloned().collect();
                (None, all)
            } else {
                (args.value.as_deref(), args.context.clone())
            };
            let value = read_value(
                &args.name,
                value_arg,
                args.from_file.as_deref(),
                args.prompt,
            )?;
            let context = user_context(&context_args)?;
            let mut request = put_request(&args.name, value, context, &args.write);
            request.version = args.version.clone();
            let client = client(g, true, hmac_encoding(&args.write)).await?;
            let version = client.put(&request).await?;
            diag!("{} version {version} has been stored", args.name);
            Ok(())
        }
        Command::Get(args) => {
            let context = user_context(&args.context)?;
            let client = client(g, false, HmacEncoding::default()).await?;
            if args.name.contains('*') {
                if args.version.is_some() {
                    return Err(Failure::Usage(
                        "-v cannot be used with a pattern; name one secret".into(),
                    ));
                }
                let selection = Selection::Wildcard(args.name.clone());
                let secrets = client.get_many(&selection, &context).await?;
                return write_out(&render(args.format, &secrets)?);
            }
            let secret = client
                .get(&args.name, args.version.as_deref(), &context)
                .await?;
            let mut out = io::stdout().lock();
            out.write_all(secret.value.expose())?;
            if !args.no_newline {
                out.write_all(b"\n")?;
            }
            out.flush()?;
            Ok(())
        }
        Command::Getall(args) => {
            let context = user_context(&args.context)?;
            let client = client(g, false, HmacEncoding::default()).await?;
            let secrets = client.get_many(&Selection::All, &context).await?;
            write_out(&render(args.format, &secrets)?)
        }
        Command::List(args) => {
            let client = client(g, false, HmacEncoding::default()).await?;
            let listing = client.list().await?;
            for bad in &listing.unreadable {
                diag!("warning: {bad}");
            }
            let mut items = listing.items;
            if args.latest {
                // Items are sorted by name then version: keep the last of each name.
                let mut latest: Vec<Summary> = Vec::new();
                for item in items {
                    match latest.last_mut() {
                        Some(prev) if prev.name == item.name => *prev = item,
                        _ => latest.push(item),
                    }
                }
                items = latest;
            }
            let names: Vec<_> = items.iter().map(|i| escape(&i.name)).collect();
            let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
            let mut text = String::new();
            for (i, name) in items.iter().zip(&names) {
                text.push_str(&format!("{name:width$} -- version {}", escape(&i.version)));
                if let Some(c) = &i.comment {
                    text.push_str(&format!(" -- comment {}", escape(c)));
                }
                if let Some(t) = i.created_at {
                    text.push_str(&format!(" -- created {}", iso8601(t)));
                }
                text.push('\n');
            }
            write_out(text.as_bytes())
        }
        Command::Keys => {
            let client = client(g, false, HmacEncoding::default()).await?;
            let listing = client.list().await?;
            let mut names: Vec<&str> = listing.items.iter().map(|i| i.name.as_str()).collect();
            names.extend(listing.unreadable.iter().map(|e| e.item_name()));
            names.sort_unstable();
            names.dedup();
            let mut text = String::new();
            for n in names {
                text.push_str(&escape(n));
                text.push('\n');
            }
            write_out(text.as_bytes())
        }
        Command::History(args) => {
            let client = client(g, false, HmacEncoding::default()).await?;
            let mut text = String::new();
            for i in client.history(&args.name).await? {
                text.push_str(&escape(&i.version));
                if let Some(t) = i.created_at {
                    text.push_str(&format!(" -- created {}", iso8601(t)));
                }
                if let Some(c) = &i.comment {
                    text.push_str(&format!(" -- comment {}", escape(c)));
                }
                text.push('\n');
            }
            write_out(text.as_bytes())
        }
        Command::Delete(args) => {
            let client = client(g, false, HmacEncoding::default()).await?;
            let deleted = client.delete(&args.name, args.version.as_deref()).await?;
            let mut text = String::new();
            for v in deleted {
                text.push_str(&format!(
                    "Deleting {} -- version {}\n",
                    escape(&args.name),
                    escape(&v)
                ));
            }
            write_out(text.as_bytes())
        }
        Command::Prune(args) => {
            let client = client(g, false, HmacEncoding::default()).await?;
            let keep = usize::try_from(args.keep).unwrap_or(usize::MAX);
            let deleted = client.prune(&args.name, keep).await?;
            let mut text = String::new();
            for v in &deleted {
                text.push_str(&format!(
                    "Deleting {} -- version {}\n",
                    escape(&args.name),
                    escape(v)
                ));
            }
            write_out(text.as_bytes())?;
            diag!(
                "{}: deleted {} old versions, kept {keep}",
                args.name,
                deleted.len()
            );
            Ok(())
        }
        Command::Putall(args) => {
            let raw = Zeroizing::new(read_source(&args.secrets, "putall")?);
            let entries = parse_putall(&raw)?;
            let context = user_context(&args.context)?;
            let client = client(g, true, hmac_encoding(&args.write)).await?;
            // Entries are independent: write them concurrently, report in input order.
            let requests: Vec<PutRequest> = entries
                .into_iter()
                .map(|(name, value)| put_request(&name, value, context.clone(), &args.write))
                .collect();
            let client = &client;
            let mut results = stream::iter(&requests)
                .map(|request| async move { (request, client.put(request).await) })
                .buffered(settings(g).concurrency);
            let mut failed = 0usize;
            while let Some((request, result)) = results.next().await {
                match result {
                    Ok(version) => diag!("{} version {version} has been stored", request.name),
                    Err(e) => {
                        failed += 1;
                        diag!("error: {e}");
                    }
                }
            }
            if failed > 0 {
                diag!("error: {failed} of the secrets were not stored; the others were");
                return Err(Failure::Reported(crate::exit::OTHER));
            }
            Ok(())
        }
    }
}

/// The one table of a command: `-t`, else CREDSTASH_DEFAULT_TABLE, else credstash's default.
fn table_name(g: &Global) -> Result<String, Failure> {
    match g.table.as_slice() {
        [] => Ok(std::env::var("CREDSTASH_DEFAULT_TABLE")
            .ok()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| DEFAULT_TABLE.to_string())),
        [one] => Ok(one.clone()),
        _ => Err(Failure::Usage(
            "-t may be given several times only with env and exec".into(),
        )),
    }
}

async fn client(g: &Global, writing: bool, hmac: HmacEncoding) -> Result<Client, Failure> {
    client_for(g, &table_name(g)?, writing, hmac).await
}

async fn client_for(
    g: &Global,
    table: &str,
    writing: bool,
    hmac: HmacEncoding,
) -> Result<Client, Failure> {
    let client = if let Some(path) = &g.local {
        backend::local_client(path, table, writing, settings(g))?
    } else {
        backend::aws_client(&aws_options(g, hmac), table, settings(g)).await?
    };
    let client = client.with_unbound_observer(Arc::new(|_, _| {
        UNBOUND_READS.fetch_add(1, Ordering::Relaxed);
    }));
    Ok(match progress_bar() {
        Some(bar) => client.with_progress(Arc::new(move |done, total| {
            if total < PROGRESS_MIN_SECRETS {
                return;
            }
            if bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            if done == total {
                bar.finish_and_clear();
            }
        })),
        None => client,
    })
}

/// A progress bar on stderr for bulk operations, only when stderr is a terminal.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} secrets {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn settings(g: &Global) -> Settings {
    // Reads accept the keys of --read-key, else the key given with -k; with neither,
    // any key the caller may use (credstash's behaviour).
    let read_keys = if g.read_keys.is_empty() {
        g.key.iter().cloned().collect()
    } else {
        g.read_keys.clone()
    };
    Settings {
        key_id: g
            .key
            .clone()
            .unwrap_or_else(|| credstore::client::DEFAULT_KEY_ID.to_string()),
        unbound: if g.strict {
            UnboundPolicy::Refuse
        } else {
            g.unbound.into()
        },
        concurrency: usize::try_from(g.concurrency).unwrap_or(32),
        read_keys,
    }
}

fn aws_options(g: &Global, hmac: HmacEncoding) -> AwsOptions {
    AwsOptions {
        region: g.region.clone(),
        kms_region: g.kms_region.clone(),
        profile: g.profile.clone(),
        role_arn: g.role_arn.clone(),
        endpoint_url: g.endpoint_url.clone(),
        max_attempts: g.max_attempts,
        hmac_encoding: hmac,
        scan_segments: g.scan_segments,
    }
}

/// Resolves the selection in every table (`-t` in order; later tables win, with a warning).
async fn resolve_vars(g: &Global, args: &SelectArgs) -> Result<Vec<EnvVar>, Failure> {
    let (context_args, names): (Vec<String>, Vec<String>) = args
        .selectors
        .iter()
        .cloned()
        .partition(|a| a.contains('='));
    let mut sources: Vec<Source> = names.into_iter().map(Source::Name).collect();
    sources.extend(args.prefix.iter().cloned().map(Source::Prefix));
    for m in &args.map {
        sources.push(Source::parse_map(m).map_err(Failure::Usage)?);
    }
    if args.all {
        sources.push(Source::All);
    }
    if sources.is_empty() {
        return Err(Failure::Usage(
            "select the secrets: give names or patterns, --prefix, --map or --all".into(),
        ));
    }
    let request = EnvRequest {
        sources,
        keep_case: args.keep_case,
        skip_inaccessible: args.skip_inaccessible,
        context: user_context(&context_args)?,
        allow: (!args.allow.is_empty()).then(|| args.allow.iter().cloned().collect()),
    };
    let tables = if g.table.is_empty() {
        vec![table_name(g)?]
    } else {
        g.table.clone()
    };
    let mut merged: BTreeMap<String, (String, EnvVar)> = BTreeMap::new();
    for table in &tables {
        let client = client_for(g, table, false, HmacEncoding::default()).await?;
        let resolved = select::resolve(&client, &request).await?;
        for skipped in &resolved.skipped {
            diag!("warning: skipped (--skip-inaccessible): {skipped}");
        }
        for var in resolved.vars {
            if let Some((previous, _)) = merged.get(&var.var) {
                diag!(
                    "warning: {} from table {table:?} overrides the one from table {previous:?}",
                    var.var
                );
            }
            merged.insert(var.var.clone(), (table.clone(), var));
        }
    }
    Ok(merged.into_values().map(|(_, v)| v).collect())
}

/// Prepares the command of `exec` with the secrets in its environment. Fails closed:
/// nothing is launched unless every selected secret was read.
async fn exec_command(g: &Global, args: &ExecArgs) -> Result<std::process::Command, Failure> {
    let vars = resolve_vars(g, &args.select).await?;
    let Some((program, rest)) = args.command.split_first() else {
        return Err(Failure::Usage("give the command to run after --".into()));
    };
    // The program is found with the caller's PATH, before the secrets are in the child's
    // environment: a secret must never choose which binary runs.
    let Some(resolved) = crate::exec::resolve_program(program) else {
        diag!(
            "error: command not found: {}; check its name and PATH",
            program.to_string_lossy()
        );
        return Err(Failure::Reported(crate::exec::COMMAND_NOT_FOUND));
    };
    let mut cmd = std::process::Command::new(resolved);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut cmd, program);
    cmd.args(rest);
    if args.pristine {
        cmd.env_clear();
        if !args.no_path {
            if let Some(path) = std::env::var_os("PATH") {
                cmd.env("PATH", path);
            }
        }
    }
    for v in &vars {
        if v.value.expose().contains(&0) {
            return Err(Failure::Usage(format!(
                "secret {:?} contains a NUL byte and cannot be an environment variable; nothing was run",
                v.secret
            )));
        }
        let exists = !args.pristine && std::env::var_os(&v.var).is_some();
        if exists && args.no_clobber {
            diag!("warning: {} is already set; kept (--no-clobber)", v.var);
            continue;
        }
        if exists {
            diag!(
                "warning: secret {:?} overrides {} from the environment",
                v.secret,
                v.var
            );
        }
        cmd.env(&v.var, os_str(v.value.expose()));
    }
    Ok(cmd)
}

#[cfg(unix)]
fn os_str(bytes: &[u8]) -> &std::ffi::OsStr {
    std::os::unix::ffi::OsStrExt::from_bytes(bytes)
}

#[cfg(not(unix))]
fn os_str(bytes: &[u8]) -> std::ffi::OsString {
    String::from_utf8_lossy(bytes).into_owned().into()
}

fn hmac_encoding(w: &WriteOptions) -> HmacEncoding {
    if w.hmac_binary {
        HmacEncoding::Binary
    } else {
        HmacEncoding::String
    }
}

fn digest(d: DigestArg) -> Digest {
    match d {
        DigestArg::Sha => Digest::Sha1,
        DigestArg::Sha224 => Digest::Sha224,
        DigestArg::Sha256 => Digest::Sha256,
        DigestArg::Sha384 => Digest::Sha384,
        DigestArg::Sha512 => Digest::Sha512,
        DigestArg::Md5 => Digest::Md5,
    }
}

fn put_request(
    name: &str,
    value: SecretBytes,
    context: EncryptionContext,
    w: &WriteOptions,
) -> PutRequest {
    let mut request = PutRequest::new(name, value);
    request.context = context;
    request.comment = w.comment.clone();
    request.digest = digest(w.digest);
    request.legacy = w.legacy;
    request
}

fn user_context(pairs: &[String]) -> Result<EncryptionContext, Failure> {
    EncryptionContext::parse_user(pairs).map_err(|e| Failure::Usage(e.to_string()))
}

/// The secret's value from exactly one source: argument, `-`, `@file`, --from-file or --prompt.
fn read_value(
    name: &str,
    arg: Option<&str>,
    file: Option<&Path>,
    prompt: bool,
) -> Result<SecretBytes, Failure> {
    let sources = usize::from(arg.is_some()) + usize::from(file.is_some()) + usize::from(prompt);
    if sources != 1 {
        return Err(Failure::Usage(format!(
            "secret {name:?}: give the value exactly one way: VALUE, - (stdin), @FILE, --from-file FILE or --prompt"
        )));
    }
    if let Some(path) = file {
        return read_file(path).map(SecretBytes::new);
    }
    if prompt {
        let text = rpassword::prompt_password(format!("{name}: ")).map_err(|e| {
            Failure::Usage(format!(
                "secret {name:?}: cannot read the value from the terminal: {e}"
            ))
        })?;
        return Ok(SecretBytes::new(text.into_bytes()));
    }
    let arg = arg.unwrap_or_default();
    read_source(arg, name).map(SecretBytes::new)
}

/// `-` = stdin, `@path` = file, anything else = the bytes of the argument itself.
fn read_source(arg: &str, what: &str) -> Result<Vec<u8>, Failure> {
    if arg == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf).map_err(|e| {
            Failure::Usage(format!("{what:?}: cannot read the value from stdin: {e}"))
        })?;
        Ok(buf)
    } else if let Some(path) = arg.strip_prefix('@') {
        read_file(Path::new(path))
    } else {
        Ok(arg.as_bytes().to_vec())
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path)
        .map_err(|e| Failure::Usage(format!("cannot read file {}: {e}", path.display())))
}

/// A JSON object of string values, in the order written; a name given twice is an
/// error (JSON parsers silently keep the last). Error messages never quote values.
fn parse_putall(raw: &[u8]) -> Result<Vec<(String, SecretBytes)>, Failure> {
    let value: serde_json::Value = serde_json::from_slice(raw).map_err(|e| {
        Failure::Usage(format!(
            "putall: the input is not valid JSON ({e}); expected an object {{\"name\": \"value\"}}"
        ))
    })?;
    let serde_json::Value::Object(mut map) = value else {
        return Err(Failure::Usage(
            "putall: expected a JSON object {\"name\": \"value\", ...}".into(),
        ));
    };
    // A second pass reads only the keys: their order, and any repeated one.
    let KeyOrder(names) = serde_json::from_slice(raw)
        .map_err(|e| Failure::Usage(format!("putall: {e}; nothing was stored")))?;
    let mut entries = Vec::with_capacity(names.len());
    for name in names {
        match map.remove(&name) {
            Some(serde_json::Value::String(s)) => {
                entries.push((name, SecretBytes::new(s.into_bytes())));
            }
            _ => {
                return Err(Failure::Usage(format!(
                    "putall: the value of {name:?} is not a string; nothing was stored"
                )));
            }
        }
    }
    Ok(entries)
}

/// The keys of a JSON object in input order; a repeated key is an error.
struct KeyOrder(Vec<String>);

impl<'de> serde::Deserialize<'de> for KeyOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = KeyOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<KeyOrder, A::Error> {
                let mut seen = std::collections::HashSet::new();
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "the name {key:?} is given twice"
                        )));
                    }
                    keys.push(key);
                }
                Ok(KeyOrder(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// Renders secrets; dotenv and shell take variable names derived from the secret names.
/// The rendered text holds plaintext: it is wiped when dropped.
fn render(format: OutputFormat, secrets: &[Secret]) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let format = match format {
        OutputFormat::Json => export::Format::Json,
        OutputFormat::Yaml => export::Format::Yaml,
        OutputFormat::Csv => export::Format::Csv,
        OutputFormat::Dotenv => export::Format::Dotenv,
        OutputFormat::Shell => export::Format::Shell,
    };
    let pairs: Vec<(String, SecretBytes)> = match format {
        export::Format::Dotenv | export::Format::Shell => envname::to_env_vars(
            secrets.iter().map(|s| (s.name.as_str(), s.value.clone())),
            false,
        )
        .map_err(|e| Failure::Usage(e.to_string()))?,
        _ => secrets
            .iter()
            .map(|s| (s.name.clone(), s.value.clone()))
            .collect(),
    };
    export::render(format, &pairs)
        .map(Zeroizing::new)
        .map_err(|e| Failure::Lib(Error::InvalidInput(e.to_string())))
}

fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// The IAM policy that `setup` prints: what readers and writers of this table need.
fn iam_policy(table: &str, key: &str) -> String {
    let key_arn = if key.starts_with("arn:") {
        key.to_string()
    } else {
        "arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID".to_string()
    };
    let table_arn = format!("arn:aws:dynamodb:REGION:ACCOUNT_ID:table/{table}");
    let reader = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], "Resource": table_arn},
            {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": key_arn}
        ]
    });
    let writer = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:DeleteItem"], "Resource": table_arn},
            {"Effect": "Allow", "Action": ["kms:GenerateDataKey"], "Resource": key_arn}
        ]
    });
    let policies = serde_json::json!({
        "KeyNote": format!("{key} must resolve to the key ARN below"),
        "ReaderPolicy": reader,
        "WriterPolicy": writer,
        "SetupPolicy": {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:TagResource"], "Resource": table_arn}
            ]
        }
    });
    let mut text = serde_json::to_string_pretty(&policies).unwrap_or_default();
    text.push('\n');
    text
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (UTC), without a date library.
fn iso8601(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_known_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_795_402_356), "2026-11-23T02:52:36Z");
    }

    #[test]
    fn putall_parsing() {
        let entries = parse_putall(br#"{"b": "1", "a": ""}"#).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].0, "b", "input order is kept");
        assert_eq!(entries[0].1.expose(), b"1");
        let Err(Failure::Usage(twice)) = parse_putall(br#"{"a": "x", "a": "y"}"#) else {
            panic!("a repeated name is refused");
        };
        assert!(
            twice.contains("given twice") && !twice.contains('y'),
            "{twice}"
        );
        let Err(Failure::Usage(string)) = parse_putall(br#""top secret""#) else {
            panic!("a bare string is refused");
        };
        assert!(!string.contains("top secret"), "{string}");
        assert!(parse_putall(b"[1]").is_err());
        assert!(parse_putall(br#"{"a": 1}"#).is_err());
        assert!(parse_putall(b"{").is_err());
    }
}
