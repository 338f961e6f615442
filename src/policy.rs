//! The IAM policies readers, writers and `setup` need for a table and key.

/// The IAM policies of a table and key: `ReaderPolicy`, `WriterPolicy` and
/// `SetupPolicy` (what `credstore setup` prints), with the table's name filled in and
/// the key's ARN when `key` is one.
pub fn iam_policies(table: &str, key: &str) -> serde_json::Value {
    let key_arn = if key.starts_with("arn:") {
        key.to_string()
    } else {
        "arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID".to_string()
    };
    let table_arn = format!("arn:aws:dynamodb:REGION:ACCOUNT_ID:table/{table}");
    let reader = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan"], "Resource": table_arn},
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
    serde_json::json!({
        "KeyNote": format!("{key} must resolve to the key ARN below"),
        "ReaderPolicy": reader,
        "WriterPolicy": writer,
        "SetupPolicy": {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:TagResource"], "Resource": table_arn}
            ]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_name_the_table_and_key() {
        let p = iam_policies("t1", "arn:aws:kms:eu-west-1:1:key/k");
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
        let alias = iam_policies("t", "alias/credstash");
        assert!(alias["ReaderPolicy"].to_string().contains("key/KEY_ID"));
        assert!(
            alias["KeyNote"]
                .as_str()
                .unwrap_or("")
                .contains("alias/credstash")
        );
    }
}
