//! `rollback`, and the generated values of `put --generate`.

use crate::cli::args::RollbackArgs;
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use credstore::client::RollbackRequest;
use credstore::model::generate::{self, Charset, GenerateError};
use credstore::model::record::HmacEncoding;
use credstore::model::secret::SecretBytes;

/// Runs `rollback`.
pub async fn rollback(config: &Config, args: &RollbackArgs) -> Result<(), Failure> {
    let mut request = RollbackRequest::new(&args.name);
    request.to = args.to.clone();
    request.context = user_context(&args.context)?;
    request.comment = args.comment.clone();
    let client = config.client(true, HmacEncoding::default()).await?;
    let done = client.rollback(&request).await?;
    diag!(
        "{} version {} has been stored (the value of version {})",
        args.name,
        done.version,
        done.from
    );
    Ok(())
}

/// The value of `put --generate`: `length` characters of `charset` from the OS CSPRNG.
pub fn generated(
    name: &str,
    length: Option<usize>,
    charset: Option<&str>,
) -> Result<SecretBytes, Failure> {
    let charset = match charset {
        Some(spec) => {
            Charset::parse(spec).map_err(|e| Failure::Usage(format!("secret {name:?}: {e}")))?
        }
        None => Charset::default(),
    };
    generate::generate(&charset, length.unwrap_or(generate::DEFAULT_LENGTH)).map_err(|e| match e {
        GenerateError::Length(_) => Failure::Usage(format!("secret {name:?}: {e} (--length)")),
        other => Failure::Other(format!("secret {name:?}: {other}")),
    })
}

/// `put --print`: the generated value and a newline on stdout.
pub fn print_value(value: &SecretBytes) -> Result<(), Failure> {
    let mut line = zeroize::Zeroizing::new(value.expose().to_vec());
    line.push(b'\n');
    write_out(&line)
}
