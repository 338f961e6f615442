//! The least-privilege IAM policy of one role (reader, writer, admin), for the whole table
//! or only the secrets under some name prefixes: what `credstore policy` prints.
//!
//! The boundary is the KMS condition on `kms:EncryptionContext:credstore:name`: every bound
//! item's data key carries its name in its encryption context, so a role can open only the
//! data keys of its own names. The DynamoDB conditions narrow what a role reads and writes
//! where DynamoDB can say so (`dynamodb:LeadingKeys` on item requests), but a Scan names no
//! partition key: the names, comments and ciphertexts of other prefixes stay readable.

use super::{Placement, Resources};
use crate::model::record::attr;
use serde_json::{Value, json};

/// The context key that binds a data key to its secret's name.
pub(crate) const NAME_CONTEXT_KEY: &str = "kms:EncryptionContext:credstore:name";

/// The attributes a names-only Scan may project: the key scan of selections (name,
/// version, context), `list` (name, version, comment, created_at) and `list -f json`
/// (plus wraps), the metadata `list` and `stale` show. Never `key`, `contents` or `hmac`.
pub(crate) const SCAN_ATTRIBUTES: [&str; 9] = [
    attr::NAME,
    attr::VERSION,
    attr::CONTEXT,
    attr::COMMENT,
    attr::CREATED_AT,
    attr::WRAPS,
    attr::CREATED_BY,
    attr::EXPIRES_AT,
    attr::TAGS,
];

/// The context `doctor` makes and opens its test data key under.
const DOCTOR_CONTEXT_KEY: &str = "credstore:doctor";
const DOCTOR_CONTEXT_VALUE: &str = "round trip";

/// What a role runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// get, getall, env, exec, list, keys, history.
    Reader,
    /// The reader's commands, plus put and putall.
    Writer,
    /// The writer's commands, plus setup, delete, prune, sync, doctor, audit; bind and
    /// rekey only for the whole table.
    Admin,
}

/// Which secrets a role may use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every secret of the table (credstash's unbound items included).
    Table,
    /// The secrets whose names start with one of these prefixes (bound items only).
    Prefixes(Vec<String>),
    /// ABAC: the secrets under the prefix `${aws:PrincipalTag/TAG}/`, so one policy
    /// serves every role tagged with its own prefix.
    PrincipalTag(String),
}

/// Who a key policy's statements are for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyPolicy {
    /// No key policy: an identity (IAM) policy with the table and key statements.
    No,
    /// A key policy's KMS statements for this principal ARN (a placeholder when None).
    For(Option<String>),
}

/// Why a scope cannot be written as a policy.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScopeError {
    /// An empty prefix would match every name.
    #[error("--prefix cannot be empty: leave it out for the whole table")]
    Empty,
    /// IAM's wildcard or variable characters in a prefix.
    #[error(
        "--prefix {0:?} holds `*`, `?` or `$`, which IAM reads as wildcards or variables; \
         give the literal start of the names (a trailing `*` is allowed)"
    )]
    Wildcard(String),
    /// A tag key IAM cannot name.
    #[error("--principal-tag {0:?} is not a tag key (letters, digits, spaces and _.:/=+-@)")]
    Tag(String),
}

impl Scope {
    /// The scope of `--prefix` values (none: the whole table); a trailing `*` is dropped.
    pub fn prefixes(prefixes: &[String]) -> Result<Scope, ScopeError> {
        if prefixes.is_empty() {
            return Ok(Scope::Table);
        }
        let mut out: Vec<String> = Vec::new();
        for p in prefixes {
            let literal = p.strip_suffix('*').unwrap_or(p);
            if literal.is_empty() {
                return Err(ScopeError::Empty);
            }
            if literal.contains(['*', '?', '$']) {
                return Err(ScopeError::Wildcard(p.clone()));
            }
            if !out.iter().any(|o| o == literal) {
                out.push(literal.to_string());
            }
        }
        Ok(Scope::Prefixes(out))
    }

    /// The ABAC scope of a principal tag.
    pub fn principal_tag(tag: &str) -> Result<Scope, ScopeError> {
        let valid = !tag.is_empty()
            && tag.len() <= 128
            && tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " _.:/=+-@".contains(c));
        if valid {
            Ok(Scope::PrincipalTag(tag.to_string()))
        } else {
            Err(ScopeError::Tag(tag.to_string()))
        }
    }

    /// The IAM `StringLike` patterns of the names in scope; None for the whole table.
    pub fn patterns(&self) -> Option<Vec<String>> {
        match self {
            Scope::Table => None,
            Scope::Prefixes(prefixes) => Some(prefixes.iter().map(|p| format!("{p}*")).collect()),
            Scope::PrincipalTag(tag) => Some(vec![format!("${{aws:PrincipalTag/{tag}}}/*")]),
        }
    }
}

/// The policy document of `role` over `scope`: an identity policy, or with `key_policy`
/// the KMS statements of a key policy (`Principal`, `Resource: "*"`).
pub fn role_policy(
    table: &str,
    key: &str,
    placement: &Placement,
    role: Role,
    scope: &Scope,
    key_policy: &KeyPolicy,
) -> Value {
    let res = Resources::new(table, key, placement);
    let patterns = scope.patterns();
    let mut dynamo: Vec<Value> = Vec::new();
    let mut kms: Vec<Value> = Vec::new();
    let name_condition =
        |patterns: &[String]| json!({"StringLike": {NAME_CONTEXT_KEY: one_or_many(patterns)}});
    let leading_keys = |patterns: &[String]| {
        json!({
            "ForAllValues:StringLike": {"dynamodb:LeadingKeys": one_or_many(patterns)},
            // ForAllValues holds for a request without the key: require it.
            "Null": {"dynamodb:LeadingKeys": "false"}
        })
    };
    let tables = one_or_many(&res.tables);
    let all_keys = one_or_many(&res.keys);
    let home_key = one_or_many(&res.keys[..1]);
    let replica_keys = &res.keys[1..];

    // Reading: items, the names-only scan, data keys.
    let mut read_actions = vec![
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
    ];
    match &patterns {
        None => {
            read_actions.push("dynamodb:Scan");
            dynamo.push(statement("ReadItems", &read_actions, &tables, None));
            kms.push(statement("OpenDataKeys", &["kms:Decrypt"], &all_keys, None));
        }
        Some(p) => {
            dynamo.push(statement(
                "ReadItemsUnderPrefixes",
                &read_actions,
                &tables,
                Some(leading_keys(p)),
            ));
            dynamo.push(statement(
                "ScanNamesOnly",
                &["dynamodb:Scan"],
                &tables,
                Some(json!({
                    "ForAllValues:StringEquals": {"dynamodb:Attributes": SCAN_ATTRIBUTES},
                    "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}
                })),
            ));
            kms.push(statement(
                "OpenDataKeysUnderPrefixes",
                &["kms:Decrypt"],
                &all_keys,
                Some(name_condition(p)),
            ));
        }
    }
    kms.push(statement(
        "DescribeKey",
        &["kms:DescribeKey"],
        &all_keys,
        None,
    ));

    // Writing: new items and new data keys (wrapped again in each replica region).
    if matches!(role, Role::Writer | Role::Admin) {
        let (sid, condition, kms_condition) = match &patterns {
            None => ("WriteItems", None, None),
            Some(p) => (
                "WriteItemsUnderPrefixes",
                Some(leading_keys(p)),
                Some(name_condition(p)),
            ),
        };
        let mut actions = vec!["dynamodb:PutItem"];
        if role == Role::Admin {
            // delete, prune; bind and rekey rewrite the wrapped key in place.
            actions.extend(["dynamodb:DeleteItem", "dynamodb:UpdateItem"]);
        }
        dynamo.push(statement(sid, &actions, &tables, condition));
        let suffix = if patterns.is_some() {
            "UnderPrefixes"
        } else {
            ""
        };
        kms.push(statement(
            &format!("MakeDataKeys{suffix}"),
            &["kms:GenerateDataKey"],
            &home_key,
            kms_condition.clone(),
        ));
        if !replica_keys.is_empty() {
            kms.push(statement(
                &format!("WrapInReplicaRegions{suffix}"),
                &["kms:Encrypt"],
                &one_or_many(replica_keys),
                kms_condition,
            ));
        }
    }

    if role == Role::Admin {
        dynamo.push(statement(
            "ManageTable",
            &[
                "dynamodb:CreateTable",
                "dynamodb:DescribeTable",
                "dynamodb:UpdateTable",
                "dynamodb:TagResource",
                "dynamodb:DescribeContinuousBackups",
                "dynamodb:UpdateContinuousBackups",
                // sync copies every item as it is (ciphertexts, nothing opened).
                "dynamodb:Scan",
            ],
            &tables,
            None,
        ));
        // doctor makes and opens one data key under a context of its own.
        let mut doctor_actions = vec!["kms:GenerateDataKey", "kms:Decrypt"];
        if !replica_keys.is_empty() {
            doctor_actions.push("kms:Encrypt");
        }
        kms.push(statement(
            "DoctorRoundTrip",
            &doctor_actions,
            &all_keys,
            Some(json!({
                "StringEquals": {format!("kms:EncryptionContext:{DOCTOR_CONTEXT_KEY}"): DOCTOR_CONTEXT_VALUE},
                "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": [DOCTOR_CONTEXT_KEY]}
            })),
        ));
        if patterns.is_none() {
            // bind and rekey: ReEncrypt opens and wraps again inside KMS. Not given to a
            // prefix role: its context condition cannot tie the source to the prefix.
            kms.push(statement(
                "RewrapDataKeys",
                &["kms:ReEncryptFrom", "kms:ReEncryptTo"],
                &all_keys,
                None,
            ));
        }
    }

    match key_policy {
        KeyPolicy::No => {
            let mut statements = dynamo;
            statements.extend(kms);
            if role == Role::Admin {
                statements.push(statement(
                    "ReadAuditTrail",
                    &["cloudtrail:LookupEvents"],
                    &json!("*"),
                    None,
                ));
            }
            json!({"Version": "2012-10-17", "Statement": statements})
        }
        KeyPolicy::For(principal) => {
            let principal = principal.clone().unwrap_or_else(|| match scope {
                // ABAC: any principal of the account, each limited by its own tag.
                Scope::PrincipalTag(_) => format!("arn:aws:iam::{}:root", res.account),
                _ => format!("arn:aws:iam::{}:role/ROLE_NAME", res.account),
            });
            let statements: Vec<Value> = kms
                .into_iter()
                .map(|mut s| {
                    if let Some(obj) = s.as_object_mut() {
                        obj.insert("Principal".into(), json!({"AWS": principal}));
                        // In a key policy the resource is the key itself.
                        obj.insert("Resource".into(), json!("*"));
                    }
                    s
                })
                .collect();
            json!({"Version": "2012-10-17", "Statement": statements})
        }
    }
}

/// One Allow statement.
fn statement(sid: &str, actions: &[&str], resource: &Value, condition: Option<Value>) -> Value {
    let mut s = json!({
        "Sid": sid,
        "Effect": "Allow",
        "Action": actions,
        "Resource": resource,
    });
    if let (Some(c), Some(obj)) = (condition, s.as_object_mut()) {
        obj.insert("Condition".into(), c);
    }
    s
}

/// One string as itself, several as an array (duplicates dropped).
fn one_or_many(values: &[String]) -> Value {
    let mut v: Vec<&String> = Vec::new();
    for value in values {
        if !v.contains(&value) {
            v.push(value);
        }
    }
    if v.len() == 1 { json!(v[0]) } else { json!(v) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placement() -> Placement {
        Placement {
            regions: vec![
                (
                    "us-east-1".into(),
                    Some("arn:aws:kms:us-east-1:111122223333:key/k1".into()),
                ),
                ("eu-west-1".into(), None),
            ],
            account: Some("111122223333".into()),
        }
    }

    fn statements(doc: &Value) -> Vec<Value> {
        doc["Statement"].as_array().cloned().unwrap_or_default()
    }

    fn find<'a>(statements: &'a [Value], sid: &str) -> Option<&'a Value> {
        statements.iter().find(|s| s["Sid"] == sid)
    }

    #[test]
    fn prefixes_are_literal_starts() {
        assert_eq!(Scope::prefixes(&[]), Ok(Scope::Table));
        assert_eq!(
            Scope::prefixes(&["app1/*".into(), "app1/".into()]),
            Ok(Scope::Prefixes(vec!["app1/".into()]))
        );
        assert_eq!(Scope::prefixes(&["*".into()]), Err(ScopeError::Empty));
        assert!(matches!(
            Scope::prefixes(&["a*b".into()]),
            Err(ScopeError::Wildcard(_))
        ));
        assert!(matches!(
            Scope::prefixes(&["${x}".into()]),
            Err(ScopeError::Wildcard(_))
        ));
        assert!(Scope::principal_tag("team").is_ok());
        assert!(Scope::principal_tag("a}b").is_err());
    }

    #[test]
    fn a_prefix_reader_decrypts_only_under_its_prefix() {
        let scope = Scope::prefixes(&["app1/".into()]).unwrap_or(Scope::Table);
        let doc = role_policy(
            "t",
            "alias/x",
            &placement(),
            Role::Reader,
            &scope,
            &KeyPolicy::No,
        );
        let s = statements(&doc);
        let decrypt = find(&s, "OpenDataKeysUnderPrefixes")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            decrypt["Condition"]["StringLike"][NAME_CONTEXT_KEY],
            "app1/*"
        );
        let scan = find(&s, "ScanNamesOnly").cloned().unwrap_or_default();
        assert_eq!(
            scan["Condition"]["StringEquals"]["dynamodb:Select"],
            "SPECIFIC_ATTRIBUTES"
        );
        let text = doc.to_string();
        for absent in ["PutItem", "GenerateDataKey", "ReEncrypt", "DeleteItem"] {
            assert!(!text.contains(absent), "{absent} in {text}");
        }
        // Both regions' tables and keys, the unresolved key as a placeholder.
        assert!(text.contains("arn:aws:dynamodb:eu-west-1:111122223333:table/t"));
        assert!(text.contains("arn:aws:kms:eu-west-1:111122223333:key/KEY_ID"));
    }

    #[test]
    fn a_prefix_writer_makes_data_keys_only_under_its_prefix() {
        let scope = Scope::prefixes(&["app1/".into(), "shared/".into()]).unwrap_or(Scope::Table);
        let doc = role_policy(
            "t",
            "alias/x",
            &placement(),
            Role::Writer,
            &scope,
            &KeyPolicy::No,
        );
        let s = statements(&doc);
        for sid in [
            "MakeDataKeysUnderPrefixes",
            "WrapInReplicaRegionsUnderPrefixes",
        ] {
            let st = find(&s, sid).cloned().unwrap_or_default();
            assert_eq!(
                st["Condition"]["StringLike"][NAME_CONTEXT_KEY],
                json!(["app1/*", "shared/*"]),
                "{sid}"
            );
        }
        let put = find(&s, "WriteItemsUnderPrefixes")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            put["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"],
            json!(["app1/*", "shared/*"])
        );
    }

    #[test]
    fn only_a_table_wide_admin_rewraps() {
        let prefixed = Scope::prefixes(&["app1/".into()]).unwrap_or(Scope::Table);
        let admin = |scope: &Scope| {
            role_policy(
                "t",
                "alias/x",
                &placement(),
                Role::Admin,
                scope,
                &KeyPolicy::No,
            )
            .to_string()
        };
        assert!(admin(&Scope::Table).contains("kms:ReEncryptFrom"));
        assert!(!admin(&prefixed).contains("ReEncrypt"));
        assert!(admin(&prefixed).contains("cloudtrail:LookupEvents"));
    }

    #[test]
    fn a_key_policy_names_its_principal() {
        let scope = Scope::principal_tag("team").unwrap_or(Scope::Table);
        let doc = role_policy(
            "t",
            "alias/x",
            &placement(),
            Role::Reader,
            &scope,
            &KeyPolicy::For(None),
        );
        for s in statements(&doc) {
            assert_eq!(s["Resource"], "*");
            assert_eq!(s["Principal"]["AWS"], "arn:aws:iam::111122223333:root");
            assert!(s["Action"].to_string().contains("kms:"), "{s}");
        }
        assert!(
            doc.to_string().contains("${aws:PrincipalTag/team}/*"),
            "{doc}"
        );
    }

    /// The golden policies: one file per option, checked here and linted by parliament
    /// (tests/it/policy). `CREDSTORE_REGENERATE=1 cargo test --lib policy` rewrites them.
    #[test]
    fn golden_policies_are_current() {
        let one_region = Placement {
            regions: vec![(
                "us-east-1".into(),
                Some(
                    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                        .into(),
                ),
            )],
            account: Some("111122223333".into()),
        };
        let two_regions = Placement {
            regions: vec![
                (
                    "us-east-1".into(),
                    Some("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd".into()),
                ),
                (
                    "eu-west-1".into(),
                    Some("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd".into()),
                ),
            ],
            account: Some("111122223333".into()),
        };
        let app1 = Scope::Prefixes(vec!["app1/".into()]);
        let two = Scope::Prefixes(vec!["app1/".into(), "shared/".into()]);
        let tag = Scope::PrincipalTag("credstore-prefix".into());
        let role_arn = Some("arn:aws:iam::111122223333:role/app1".to_string());
        let cases: Vec<(&str, &Placement, Role, &Scope, KeyPolicy)> = vec![
            (
                "reader",
                &one_region,
                Role::Reader,
                &Scope::Table,
                KeyPolicy::No,
            ),
            (
                "writer",
                &one_region,
                Role::Writer,
                &Scope::Table,
                KeyPolicy::No,
            ),
            (
                "admin",
                &one_region,
                Role::Admin,
                &Scope::Table,
                KeyPolicy::No,
            ),
            (
                "reader-prefix",
                &one_region,
                Role::Reader,
                &app1,
                KeyPolicy::No,
            ),
            (
                "writer-prefix",
                &one_region,
                Role::Writer,
                &app1,
                KeyPolicy::No,
            ),
            (
                "admin-prefix",
                &one_region,
                Role::Admin,
                &app1,
                KeyPolicy::No,
            ),
            (
                "writer-two-prefixes-replica",
                &two_regions,
                Role::Writer,
                &two,
                KeyPolicy::No,
            ),
            (
                "admin-replica",
                &two_regions,
                Role::Admin,
                &Scope::Table,
                KeyPolicy::No,
            ),
            (
                "reader-principal-tag",
                &one_region,
                Role::Reader,
                &tag,
                KeyPolicy::No,
            ),
            (
                "writer-prefix-key-policy",
                &one_region,
                Role::Writer,
                &app1,
                KeyPolicy::For(role_arn.clone()),
            ),
            (
                "reader-principal-tag-key-policy",
                &one_region,
                Role::Reader,
                &tag,
                KeyPolicy::For(None),
            ),
            (
                "admin-key-policy",
                &two_regions,
                Role::Admin,
                &Scope::Table,
                KeyPolicy::For(role_arn),
            ),
        ];
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/policy");
        let regenerate = std::env::var_os("CREDSTORE_REGENERATE").is_some();
        let mut stale = Vec::new();
        for (name, placement, role, scope, key_policy) in cases {
            let doc = role_policy(
                "credstore",
                "alias/credstash",
                placement,
                role,
                scope,
                &key_policy,
            );
            let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            text.push('\n');
            let path = dir.join(format!("{name}.json"));
            if regenerate {
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
                std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "golden policies differ: {stale:?}; run `CREDSTORE_REGENERATE=1 cargo test --lib \
             policy` and review the diff"
        );
    }
}
