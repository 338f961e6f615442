//! `-f k8s-secret` of `get PATTERN`, `getall` and `env`: the selected secrets as one
//! Kubernetes Secret manifest on stdout (keys: secret names, or variable names for `env`).

use crate::cli::args::shared::K8sArgs;
use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use credstore::SecretBytes;
use credstore::export::K8sSecret;

/// Writes the manifest of `entries` (key, value) named by `k8s`.
pub(super) fn write(k8s: &K8sArgs, entries: &[(String, SecretBytes)]) -> Result<(), Failure> {
    let Some(name) = &k8s.k8s_name else {
        return Err(Failure::Usage(
            "-f k8s-secret needs the Secret's name: add --k8s-name NAME (and --k8s-namespace \
             NAMESPACE if it is not kubectl's)"
                .into(),
        ));
    };
    let manifest = zeroize::Zeroizing::new(
        K8sSecret {
            name,
            namespace: k8s.k8s_namespace.as_deref(),
        }
        .render(entries)
        .map_err(|e| Failure::Usage(e.to_string()))?,
    );
    write_out(&manifest)
}
