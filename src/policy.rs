//! The IAM policies readers, writers and `setup` need for a table and key, in the home
//! region and in each replica region (one role's, per name prefix, in `policy/role.rs`).

mod role;

pub use role::{KeyPolicy, Role, Scope, ScopeError, role_policy};

/// Where the table and key live: the home region first, then the replica regions, each
/// with the key's ARN when it is known (resolved by `setup`).
#[derive(Clone, Debug, Default)]
pub struct Placement {
    /// (region, key ARN if known), the home region first; empty: region unknown.
    pub regions: Vec<(String, Option<String>)>,
    /// The account id, when known (from a resolved key ARN).
    pub account: Option<String>,
}

/// The IAM policies of a table and key: `ReaderPolicy`, `WriterPolicy` and
/// `SetupPolicy` (what `credstore setup` prints), with the table's name filled in, and
/// the key's ARN in each region where it is known (placeholders otherwise). Writers with
/// replica regions also need `kms:Encrypt` there (the replica wraps).
pub fn iam_policies(table: &str, key: &str, placement: &Placement) -> serde_json::Value {
    let res = Resources::new(table, key, placement);
    let one_or_many = |mut v: Vec<String>| {
        v.dedup();
        if v.len() == 1 {
            serde_json::Value::String(v.remove(0))
        } else {
            serde_json::json!(v)
        }
    };
    let table_arns = one_or_many(res.tables.clone());
    let home_key = one_or_many(vec![res.keys[0].clone()]);
    let all_keys = one_or_many(res.keys.clone());
    let replica_keys: Vec<String> = res.keys[1..].to_vec();
    let reader = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan"], "Resource": table_arns},
            {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": all_keys}
        ]
    });
    let mut writer_statements = vec![
        serde_json::json!({"Effect": "Allow", "Action": ["dynamodb:PutItem", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:DeleteItem"], "Resource": table_arns}),
        serde_json::json!({"Effect": "Allow", "Action": ["kms:GenerateDataKey"], "Resource": home_key}),
    ];
    if !replica_keys.is_empty() {
        writer_statements.push(serde_json::json!({"Effect": "Allow", "Action": ["kms:Encrypt", "kms:DescribeKey"], "Resource": one_or_many(replica_keys)}));
    }
    let writer = serde_json::json!({"Version": "2012-10-17", "Statement": writer_statements});
    serde_json::json!({
        "KeyNote": format!("{key} must resolve to the key ARN(s) below"),
        "ReaderPolicy": reader,
        "WriterPolicy": writer,
        "SetupPolicy": {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:TagResource", "dynamodb:UpdateContinuousBackups", "dynamodb:DescribeContinuousBackups"], "Resource": table_arns},
                {"Effect": "Allow", "Action": ["kms:DescribeKey"], "Resource": all_keys}
            ]
        }
    })
}

/// The ARNs a policy names: the table and the key in each region (the home region
/// first), with placeholders for what is not known.
struct Resources {
    /// The account id, or `ACCOUNT_ID`.
    account: String,
    /// The table's ARN in each region.
    tables: Vec<String>,
    /// The key's ARN in each region (never empty).
    keys: Vec<String>,
}

impl Resources {
    fn new(table: &str, key: &str, placement: &Placement) -> Resources {
        let account = placement.account.as_deref().unwrap_or("ACCOUNT_ID");
        let regions: Vec<(String, Option<String>)> = if placement.regions.is_empty() {
            vec![("REGION".to_string(), None)]
        } else {
            placement.regions.clone()
        };
        let key_arn = |(region, arn): &(String, Option<String>)| {
            arn.clone().unwrap_or_else(|| {
                if key.starts_with("arn:") {
                    key.to_string()
                } else {
                    format!("arn:aws:kms:{region}:{account}:key/KEY_ID")
                }
            })
        };
        Resources {
            account: account.to_string(),
            tables: regions
                .iter()
                .map(|(r, _)| format!("arn:aws:dynamodb:{r}:{account}:table/{table}"))
                .collect(),
            keys: regions.iter().map(key_arn).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_name_the_table_and_key() {
        let p = iam_policies("t1", "arn:aws:kms:eu-west-1:1:key/k", &Placement::default());
        let reader = p["ReaderPolicy"]["Statement"].to_string();
        assert!(
            reader.contains("table/t1") && reader.contains("key/k"),
            "{reader}"
        );
        assert!(reader.contains("kms:Decrypt") && !reader.contains("GenerateDataKey"));
        // Selections fetch the items a key scan picked in batches.
        assert!(reader.contains("dynamodb:BatchGetItem"), "{reader}");
        let writer = p["WriterPolicy"]["Statement"].to_string();
        assert!(writer.contains("kms:GenerateDataKey") && writer.contains("dynamodb:PutItem"));
        let alias = iam_policies("t", "alias/credstash", &Placement::default());
        assert!(alias["ReaderPolicy"].to_string().contains("key/KEY_ID"));
        assert!(
            alias["KeyNote"]
                .as_str()
                .unwrap_or("")
                .contains("alias/credstash")
        );
    }

    #[test]
    fn replica_regions_are_covered() {
        let placement = Placement {
            regions: vec![
                (
                    "us-east-1".into(),
                    Some("arn:aws:kms:us-east-1:123:key/a".into()),
                ),
                ("eu-west-1".into(), None),
            ],
            account: Some("123".into()),
        };
        let p = iam_policies("t", "alias/x", &placement);
        let reader = p["ReaderPolicy"].to_string();
        assert!(
            reader.contains("arn:aws:kms:us-east-1:123:key/a"),
            "{reader}"
        );
        assert!(
            reader.contains("arn:aws:kms:eu-west-1:123:key/KEY_ID"),
            "{reader}"
        );
        assert!(
            reader.contains("arn:aws:dynamodb:eu-west-1:123:table/t"),
            "{reader}"
        );
        let writer = p["WriterPolicy"].to_string();
        assert!(writer.contains("kms:Encrypt"), "{writer}");
        assert!(!writer.contains("kms:Decrypt"), "{writer}");
    }
}
