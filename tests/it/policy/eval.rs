//! A small IAM evaluator, enough for the policies `credstore policy` prints: Allow
//! statements, Action and Resource wildcards, and the StringEquals, StringLike,
//! ForAllValues:StringEquals, ForAllValues:StringLike and Null conditions; plus the request
//! context (action, resource ARN, condition keys) of each recorded AWS request.
//!
//! moto evaluates no IAM, so the coverage tests record what each command sends and ask
//! this evaluator whether a role's policy allows it. Anything it does not model panics.

use crate::harness::fault_proxy::Request;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// KMS aliases the evaluator resolves: (region, alias) -> key ARN, as KMS resolves them
/// before IAM sees the request.
static ALIASES: Mutex<BTreeMap<(String, String), String>> = Mutex::new(BTreeMap::new());

/// Makes `alias` in `region` resolve to `arn` (aliases are unique per test).
pub(super) fn register_alias(region: &str, alias: &str, arn: &str) {
    ALIASES
        .lock()
        .unwrap()
        .insert((region.to_string(), alias.to_string()), arn.to_string());
}

/// moto's account.
pub(super) const ACCOUNT: &str = "123456789012";

/// One authorization a request needs: an action on a resource, with its condition keys
/// (each key with its values: several for `dynamodb:LeadingKeys`, `dynamodb:Attributes`,
/// `kms:EncryptionContextKeys`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Authz {
    /// `dynamodb:GetItem`, `kms:Decrypt`...
    pub action: String,
    /// The resource's ARN.
    pub resource: String,
    /// The condition keys the request carries.
    pub context: BTreeMap<String, Vec<String>>,
}

/// The authorizations `request` needs; `default_key` is the key of a KMS request that
/// names none (Decrypt finds its key in the blob). STS GetCallerIdentity needs none.
pub(super) fn authorizations(request: &Request, default_key: &str) -> Vec<Authz> {
    let region = request
        .credential()
        .map(|c| c.region)
        .unwrap_or_else(|| panic!("unsigned request {}", request.target));
    if request.target == "Query.GetCallerIdentity" {
        return Vec::new();
    }
    let body: Value = serde_json::from_str(&request.body).unwrap_or_else(|e| {
        panic!(
            "{}: body is not JSON ({e}): {}",
            request.target, request.body
        )
    });
    let (service, op) = request
        .target
        .split_once('.')
        .unwrap_or_else(|| panic!("unknown request {}", request.target));
    if service.starts_with("DynamoDB_") {
        dynamo(op, &body, &region)
    } else if service == "TrentService" {
        kms(op, &body, &region, default_key)
    } else {
        panic!("the evaluator does not know {}", request.target)
    }
}

fn s(v: &Value) -> Option<String> {
    v.get("S").and_then(Value::as_str).map(str::to_string)
}

fn dynamo(op: &str, body: &Value, region: &str) -> Vec<Authz> {
    let table_arn = |t: &str| format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/{t}");
    let mut context: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut leading = Vec::new();
    let tables: Vec<String> = match op {
        "BatchGetItem" | "BatchWriteItem" => {
            let items = body["RequestItems"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            for (_, request) in &items {
                // BatchGetItem: {Keys: [...]}; BatchWriteItem: [{PutRequest|DeleteRequest}].
                for key in request["Keys"].as_array().into_iter().flatten() {
                    leading.extend(s(&key["name"]));
                }
                for w in request.as_array().into_iter().flatten() {
                    leading.extend(s(&w["PutRequest"]["Item"]["name"]));
                    leading.extend(s(&w["DeleteRequest"]["Key"]["name"]));
                }
            }
            items.keys().cloned().collect()
        }
        _ => vec![
            body["TableName"]
                .as_str()
                .unwrap_or_else(|| panic!("{op} names no table: {body}"))
                .to_string(),
        ],
    };
    match op {
        "GetItem" | "DeleteItem" | "UpdateItem" => leading.extend(s(&body["Key"]["name"])),
        "PutItem" => leading.extend(s(&body["Item"]["name"])),
        "Query" => {
            let expr = body["KeyConditionExpression"].as_str().unwrap_or_default();
            for token in tokens(expr, ':') {
                leading.extend(s(&body["ExpressionAttributeValues"][&token]));
            }
        }
        _ => {}
    }
    if !leading.is_empty() {
        context.insert("dynamodb:LeadingKeys".into(), leading);
    }
    let mut attributes: Vec<String> = Vec::new();
    for field in [
        "ProjectionExpression",
        "FilterExpression",
        "KeyConditionExpression",
        "ConditionExpression",
        "UpdateExpression",
    ] {
        let expr = body[field].as_str().unwrap_or_default();
        for token in tokens(expr, '#') {
            let name = body["ExpressionAttributeNames"][&token]
                .as_str()
                .unwrap_or_else(|| panic!("{op}: {token} is not in ExpressionAttributeNames"));
            if !attributes.iter().any(|a| a == name) {
                attributes.push(name.to_string());
            }
        }
    }
    for a in body["AttributesToGet"].as_array().into_iter().flatten() {
        attributes.extend(a.as_str().map(str::to_string));
    }
    if !attributes.is_empty() {
        context.insert("dynamodb:Attributes".into(), attributes);
    }
    if let Some(select) = body["Select"].as_str() {
        context.insert("dynamodb:Select".into(), vec![select.to_string()]);
    }
    tables
        .iter()
        .map(|t| Authz {
            action: format!("dynamodb:{op}"),
            resource: table_arn(t),
            context: context.clone(),
        })
        .collect()
}

/// The `#name` or `:value` placeholders of an expression.
fn tokens(expr: &str, sigil: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = expr.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == sigil {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_alphanumeric() || d == '_' {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(expr[i..end].to_string());
        }
    }
    out
}

fn kms(op: &str, body: &Value, region: &str, default_key: &str) -> Vec<Authz> {
    let key_arn = |field: &str| {
        let id = body[field].as_str().unwrap_or(default_key);
        if id.starts_with("alias/") {
            let aliases = ALIASES.lock().unwrap();
            return aliases
                .get(&(region.to_string(), id.to_string()))
                .unwrap_or_else(|| panic!("{op}: alias {id} in {region} is not registered"))
                .clone();
        }
        if id.starts_with("arn:") {
            id.to_string()
        } else {
            format!("arn:aws:kms:{region}:{ACCOUNT}:key/{id}")
        }
    };
    let with_context = |action: &str, resource: String, field: &str| {
        let mut context = BTreeMap::new();
        let map = body[field].as_object().cloned().unwrap_or_default();
        for (k, v) in &map {
            context.insert(
                format!("kms:EncryptionContext:{k}"),
                vec![v.as_str().unwrap_or_default().to_string()],
            );
        }
        if !map.is_empty() {
            context.insert(
                "kms:EncryptionContextKeys".into(),
                map.keys().cloned().collect(),
            );
        }
        Authz {
            action: action.to_string(),
            resource,
            context,
        }
    };
    match op {
        "Decrypt" | "GenerateDataKey" | "Encrypt" => vec![with_context(
            &format!("kms:{op}"),
            key_arn("KeyId"),
            "EncryptionContext",
        )],
        // Authorized twice, each against its own key and context.
        "ReEncrypt" => vec![
            with_context(
                "kms:ReEncryptFrom",
                key_arn("SourceKeyId"),
                "SourceEncryptionContext",
            ),
            with_context(
                "kms:ReEncryptTo",
                key_arn("DestinationKeyId"),
                "DestinationEncryptionContext",
            ),
        ],
        "DescribeKey" => vec![Authz {
            action: "kms:DescribeKey".into(),
            resource: key_arn("KeyId"),
            context: BTreeMap::new(),
        }],
        _ => panic!("the evaluator does not know kms:{op}"),
    }
}

/// True when some Allow statement of `policy` allows `authz`; `vars` are the policy
/// variables of the principal (`aws:PrincipalTag/team` -> `app1`).
pub(super) fn allows(policy: &Value, authz: &Authz, vars: &BTreeMap<String, String>) -> bool {
    let statements = match &policy["Statement"] {
        Value::Array(a) => a.clone(),
        one => vec![one.clone()],
    };
    statements.iter().any(|st| {
        for unsupported in ["NotAction", "NotResource", "NotPrincipal"] {
            assert!(
                st.get(unsupported).is_none(),
                "{unsupported} is not modelled"
            );
        }
        assert_eq!(
            st["Effect"], "Allow",
            "only Allow statements are modelled: {st}"
        );
        let matches_any = |field: &Value, value: &str, ignore_case: bool| {
            strings(field).iter().any(|p| {
                if ignore_case {
                    glob(&p.to_ascii_lowercase(), &value.to_ascii_lowercase())
                } else {
                    glob(p, value)
                }
            })
        };
        matches_any(&st["Action"], &authz.action, true)
            && matches_any(&st["Resource"], &authz.resource, false)
            && conditions_hold(&st["Condition"], &authz.context, vars)
    })
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().expect("a string").to_string())
            .collect(),
        Value::Null => Vec::new(),
        other => panic!("not a string or an array of strings: {other}"),
    }
}

/// The policy values with their variables substituted (None: an unknown variable, which
/// matches nothing).
fn substitute(value: &str, vars: &BTreeMap<String, String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("a closed variable") + start;
        out.push_str(vars.get(&rest[start + 2..end])?);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn conditions_hold(
    conditions: &Value,
    context: &BTreeMap<String, Vec<String>>,
    vars: &BTreeMap<String, String>,
) -> bool {
    let Some(map) = conditions.as_object() else {
        assert!(conditions.is_null(), "a Condition must be an object");
        return true;
    };
    map.iter().all(|(operator, keys)| {
        keys.as_object()
            .expect("a condition operator maps keys to values")
            .iter()
            .all(|(key, wanted)| {
                let wanted: Vec<String> = strings(wanted)
                    .iter()
                    .filter_map(|w| substitute(w, vars))
                    .collect();
                let got = context.get(key);
                let like = |g: &str| wanted.iter().any(|w| glob(w, g));
                let equals = |g: &str| wanted.iter().any(|w| w == g);
                match operator.as_str() {
                    // A single-valued key: absent never matches.
                    "StringEquals" => got.is_some_and(|g| g.iter().any(|v| equals(v))),
                    "StringLike" => got.is_some_and(|g| g.iter().any(|v| like(v))),
                    // True for a request without the key: IAM's pitfall, modelled as is.
                    "ForAllValues:StringEquals" => got.is_none_or(|g| g.iter().all(|v| equals(v))),
                    "ForAllValues:StringLike" => got.is_none_or(|g| g.iter().all(|v| like(v))),
                    "Null" => {
                        let absent = got.is_none_or(Vec::is_empty);
                        wanted.iter().all(|w| (w == "true") == absent)
                    }
                    other => panic!("the evaluator does not model {other}"),
                }
            })
    })
}

/// IAM's wildcards: `*` any run of characters, `?` one character.
pub(super) fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // matched[j]: pattern[..i] matches text[..j].
    let mut matched = vec![false; t.len() + 1];
    matched[0] = true;
    for pc in &p {
        let mut next = vec![false; t.len() + 1];
        for j in 0..=t.len() {
            next[j] = match pc {
                '*' => matched[j] || (j > 0 && next[j - 1]),
                '?' => j > 0 && matched[j - 1],
                c => j > 0 && matched[j - 1] && t[j - 1] == *c,
            };
        }
        matched = next;
    }
    matched[t.len()]
}

#[test]
fn the_evaluator_matches_like_iam() {
    assert!(glob("app1/*", "app1/db"));
    assert!(!glob("app1/*", "app10/db"));
    assert!(glob(
        "arn:aws:kms:*:1:key/?",
        "arn:aws:kms:eu-west-1:1:key/k"
    ));
    let policy = serde_json::json!({"Statement": [{
        "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
        "Condition": {
            "StringLike": {"kms:EncryptionContext:credstore:name": "${aws:PrincipalTag/team}/*"},
            "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["credstore:name"]}
        }
    }]});
    let authz = |name: Option<&str>| Authz {
        action: "kms:Decrypt".into(),
        resource: "arn:aws:kms:us-east-1:1:key/k".into(),
        context: name
            .map(|n| {
                BTreeMap::from([
                    (
                        "kms:EncryptionContext:credstore:name".to_string(),
                        vec![n.to_string()],
                    ),
                    (
                        "kms:EncryptionContextKeys".to_string(),
                        vec!["credstore:name".to_string()],
                    ),
                ])
            })
            .unwrap_or_default(),
    };
    let team = BTreeMap::from([("aws:PrincipalTag/team".to_string(), "app1".to_string())]);
    assert!(allows(&policy, &authz(Some("app1/db")), &team));
    assert!(!allows(&policy, &authz(Some("app2/db")), &team));
    // Unbound: no name in the context, denied (StringLike on an absent key).
    assert!(!allows(&policy, &authz(None), &team));
    // No tag: the variable matches nothing.
    assert!(!allows(&policy, &authz(Some("app1/db")), &BTreeMap::new()));
}
