//! DynamoDB as the record store, with credstash's table layout and queries
//! (the item encoding is in `dynamo/item.rs`).

mod item;

use super::{ScannedItem, SecretStore, SetupOptions, SetupOutcome, StoreError};
use crate::model::context::EncryptionContext;
use crate::model::record::{
    self, DETAILED_SUMMARY_ATTRIBUTES, HmacEncoding, KEY_ATTRIBUTES, Record, RecordError,
    SUMMARY_ATTRIBUTES, Summary, VersionKey, attr,
};
use crate::model::wrap::KeyWrap;
use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, KeysAndAttributes,
    PointInTimeRecoverySpecification, PointInTimeRecoveryStatus, ProvisionedThroughput,
    ReturnValue, ScalarAttributeType, Select, TableStatus, Tag,
};
use futures::stream::{self, StreamExt, TryStreamExt};
use item::Item;
use std::collections::HashMap;
use std::time::Duration;

/// How long `setup` waits for a new table to become ACTIVE.
const ACTIVE_TIMEOUT: Duration = Duration::from_secs(300);

/// Segments of the parallel scan used when a table spans more than one page.
const AUTO_SEGMENTS: i32 = 8;

/// The part (see [`SecretStore::each_key_page`]) of a dropped-then-kept first page.
const FIRST_PART: usize = usize::MAX;

/// One page of a scan segment: the segment, whether it has more pages, the items.
type SegmentPage = (usize, bool, Vec<Item>);

/// Keys per BatchGetItem request (DynamoDB's limit).
const BATCH_GET_KEYS: usize = 100;

/// BatchGetItem requests in flight at once.
const BATCH_GET_CONCURRENCY: usize = 8;

/// Rounds of BatchGetItem for keys DynamoDB left unprocessed, before giving up.
const UNPROCESSED_ROUNDS: u32 = 10;

/// The first wait before asking again for unprocessed keys; doubled each round.
const UNPROCESSED_BACKOFF: Duration = Duration::from_millis(50);

/// The longest wait between two rounds for unprocessed keys.
const UNPROCESSED_MAX_BACKOFF: Duration = Duration::from_secs(2);

/// Prefixes beyond which a key scan is not filtered (DynamoDB limits an expression's
/// operators and size; scanning every key is then cheaper than several scans).
const MAX_FILTER_PREFIXES: usize = 32;

/// A credstash table in DynamoDB.
#[derive(Clone, Debug)]
pub(crate) struct DynamoStore {
    client: aws_sdk_dynamodb::Client,
    table: String,
    hmac_encoding: HmacEncoding,
    scan_segments: i32,
}

/// What DynamoDB reports of a table (DescribeTable).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TableInfo {
    /// `ACTIVE`, `CREATING`...
    pub status: String,
    /// `PAY_PER_REQUEST` or `PROVISIONED`.
    pub billing: String,
    /// DynamoDB's item count (updated about every six hours).
    pub items: i64,
    /// True for credstash's key schema: `name` (HASH, S) + `version` (RANGE, S).
    pub credstash_schema: bool,
    /// The key schema, e.g. `name (HASH, S) + version (RANGE, S)`.
    pub schema: String,
    /// True when DeleteTable is refused until deletion protection is turned off.
    pub deletion_protection: bool,
}

impl DynamoStore {
    /// A store over `table`, writing `hmac` as `hmac_encoding`.
    pub(crate) fn new(client: aws_sdk_dynamodb::Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
            hmac_encoding: HmacEncoding::default(),
            scan_segments: 1,
        }
    }

    /// Sets how the `hmac` attribute is written (S by default, B like Python 3 credstash).
    pub(crate) fn with_hmac_encoding(mut self, encoding: HmacEncoding) -> Self {
        self.hmac_encoding = encoding;
        self
    }

    /// Scans with this many parallel segments; 1 (the default) scans one page and
    /// switches to parallel segments only when the table has more.
    pub(crate) fn with_scan_segments(mut self, segments: u32) -> Self {
        self.scan_segments = i32::try_from(segments.clamp(1, 1_000_000)).unwrap_or(1);
        self
    }

    /// What DynamoDB says of the table (DescribeTable); None when it does not exist.
    pub(crate) async fn describe(&self) -> Result<Option<TableInfo>, StoreError> {
        let out = match self
            .client
            .describe_table()
            .table_name(&self.table)
            .send()
            .await
        {
            Ok(out) => out,
            Err(e) if e.code() == Some("ResourceNotFoundException") => return Ok(None),
            Err(e) => return Err(self.classify(e)),
        };
        let Some(table) = out.table else {
            return Ok(None);
        };
        let attribute_type = |name: &str| {
            table
                .attribute_definitions()
                .iter()
                .find(|d| d.attribute_name() == name)
                .map(|d| d.attribute_type().as_str().to_string())
        };
        let keys: Vec<(String, String, String)> = table
            .key_schema()
            .iter()
            .map(|k| {
                let name = k.attribute_name().to_string();
                let kind = attribute_type(&name).unwrap_or_default();
                (name, k.key_type().as_str().to_string(), kind)
            })
            .collect();
        let credstash_schema = keys.len() == 2
            && keys
                .iter()
                .any(|k| k == &(attr::NAME.into(), "HASH".into(), "S".into()))
            && keys
                .iter()
                .any(|k| k == &(attr::VERSION.into(), "RANGE".into(), "S".into()));
        let schema = keys
            .iter()
            .map(|(n, t, k)| format!("{n} ({t}, {k})"))
            .collect::<Vec<_>>()
            .join(" + ");
        let billing = match table.billing_mode_summary().and_then(|b| b.billing_mode()) {
            Some(mode) => mode.as_str().to_string(),
            // DynamoDB leaves the summary out of tables created with provisioned capacity.
            None => "PROVISIONED".to_string(),
        };
        Ok(Some(TableInfo {
            status: table
                .table_status()
                .map_or_else(|| "UNKNOWN".to_string(), |s| s.as_str().to_string()),
            billing,
            items: table.item_count().unwrap_or_default(),
            credstash_schema,
            schema,
            deletion_protection: table.deletion_protection_enabled().unwrap_or(false),
        }))
    }

    /// True when point-in-time recovery is on (DescribeContinuousBackups).
    pub(crate) async fn point_in_time_recovery(&self) -> Result<bool, StoreError> {
        let out = self
            .client
            .describe_continuous_backups()
            .table_name(&self.table)
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        Ok(out
            .continuous_backups_description()
            .and_then(|d| d.point_in_time_recovery_description())
            .and_then(|p| p.point_in_time_recovery_status())
            == Some(&PointInTimeRecoveryStatus::Enabled))
    }

    /// Turns point-in-time recovery on.
    async fn enable_point_in_time_recovery(&self) -> Result<(), StoreError> {
        let spec = PointInTimeRecoverySpecification::builder()
            .point_in_time_recovery_enabled(true)
            .build()
            .map_err(|e| StoreError::Other(e.to_string()))?;
        self.client
            .update_continuous_backups()
            .table_name(&self.table)
            .point_in_time_recovery_specification(spec)
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        Ok(())
    }

    fn classify<E>(&self, err: SdkError<E, HttpResponse>) -> StoreError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match err.code() {
            Some("ResourceNotFoundException") => match self.client.config().region() {
                Some(region) => StoreError::NoTableIn {
                    table: self.table.clone(),
                    region: region.to_string(),
                },
                None => StoreError::NoTable(self.table.clone()),
            },
            Some("AccessDeniedException") => StoreError::AccessDenied(format!(
                "table {:?}: {}",
                self.table,
                err.message().unwrap_or("access denied")
            )),
            _ => StoreError::Service {
                cause: crate::sdk_error::cause(&err),
                message: format!(
                    "table {:?}: {}",
                    self.table,
                    crate::sdk_error::describe("DynamoDB", &err)
                ),
                source: Some(crate::sdk_error::boxed(err)),
            },
        }
    }

    fn key(name: &str, version: &str) -> HashMap<String, AttributeValue> {
        HashMap::from([
            (attr::NAME.to_string(), AttributeValue::S(name.to_string())),
            (
                attr::VERSION.to_string(),
                AttributeValue::S(version.to_string()),
            ),
        ])
    }

    async fn wait_active(&self) -> Result<(), StoreError> {
        let deadline = tokio::time::Instant::now() + ACTIVE_TIMEOUT;
        loop {
            let out = self
                .client
                .describe_table()
                .table_name(&self.table)
                .send()
                .await
                .map_err(|e| self.classify(e))?;
            let status = out.table.and_then(|t| t.table_status);
            if status == Some(TableStatus::Active) {
                return Ok(());
            }
            if tokio::time::Instant::now() > deadline {
                return Err(StoreError::Other(format!(
                    "table {:?} is not ACTIVE after {} s",
                    self.table,
                    ACTIVE_TIMEOUT.as_secs()
                )));
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    /// UpdateItem of `key` and `context` on the condition that `key` is `expected`.
    async fn update_wrap(
        &self,
        name: &str,
        version: &str,
        expected: &str,
        new_key: &[u8],
        new_context: &EncryptionContext,
        new_wraps: &[KeyWrap],
    ) -> Result<(), StoreError> {
        let request = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(name, version)))
            .condition_expression("#k = :old")
            .expression_attribute_names("#k", attr::KEY)
            .expression_attribute_values(":old", AttributeValue::S(expected.to_string()))
            .expression_attribute_values(":new", AttributeValue::S(record::encode_base64(new_key)));
        let mut set = vec!["#k = :new"];
        let request = if new_wraps.is_empty() {
            request
        } else {
            set.push("#w = :wraps");
            request
                .expression_attribute_names("#w", attr::WRAPS)
                .expression_attribute_values(":wraps", item::encode_wraps(new_wraps))
        };
        let request = if new_context.is_empty() {
            request.update_expression(format!("SET {} REMOVE #c", set.join(", ")))
        } else {
            let map = new_context
                .as_map()
                .iter()
                .map(|(k, v)| (k.clone(), AttributeValue::S(v.clone())))
                .collect();
            set.push("#c = :ctx");
            request
                .update_expression(format!("SET {}", set.join(", ")))
                .expression_attribute_values(":ctx", AttributeValue::M(map))
        };
        match request
            .expression_attribute_names("#c", attr::CONTEXT)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("ConditionalCheckFailedException") => {
                Err(StoreError::Conflict {
                    name: name.to_string(),
                    version: version.to_string(),
                })
            }
            Err(e) => Err(self.classify(e)),
        }
    }

    /// The `key` attribute of (name, version) exactly as stored, when it is a string.
    async fn stored_key_text(
        &self,
        name: &str,
        version: &str,
    ) -> Result<Option<String>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(name, version)))
            .projection_expression("#k")
            .expression_attribute_names("#k", attr::KEY)
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        Ok(match out.item.and_then(|mut i| i.remove(attr::KEY)) {
            Some(AttributeValue::S(text)) => Some(text),
            _ => None,
        })
    }

    /// A strongly consistent Query of the items of `name`.
    fn query_request(
        &self,
        name: &str,
    ) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
        self.client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#n = :n")
            .expression_attribute_names("#n", attr::NAME)
            .expression_attribute_values(":n", AttributeValue::S(name.to_string()))
            .consistent_read(true)
    }

    /// Every item of `name` (all attributes when `projection` is None), ascending.
    async fn query_name(
        &self,
        name: &str,
        projection: Option<&str>,
    ) -> Result<Vec<HashMap<String, AttributeValue>>, StoreError> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let mut req = self.query_request(name).set_exclusive_start_key(start);
            if let Some(p) = projection {
                req = req
                    .projection_expression(p)
                    .expression_attribute_names("#v", attr::VERSION);
                if p.contains("#c") {
                    req = req
                        .expression_attribute_names("#n", attr::NAME)
                        .expression_attribute_names("#c", attr::CONTEXT);
                }
            }
            let out = req.send().await.map_err(|e| self.classify(e))?;
            items.extend(out.items.unwrap_or_default());
            start = out.last_evaluated_key.filter(|k| !k.is_empty());
            if start.is_none() {
                return Ok(items);
            }
        }
    }

    /// One Scan request, projected to `projection` when given, and filtered on the
    /// server to names that start with one of `prefixes` (no filter when empty).
    fn scan_request(
        &self,
        projection: Option<&[&str]>,
        prefixes: &[String],
    ) -> aws_sdk_dynamodb::operation::scan::builders::ScanFluentBuilder {
        let mut req = self
            .client
            .scan()
            .table_name(&self.table)
            .consistent_read(true);
        if let Some(attributes) = projection {
            // Placeholders: `name` is a DynamoDB reserved word.
            let placeholders: Vec<String> =
                (0..attributes.len()).map(|i| format!("#a{i}")).collect();
            // Select named explicitly: an IAM condition on dynamodb:Select sees only what
            // the request carries (`credstore policy` allows a prefix role this scan only).
            req = req
                .projection_expression(placeholders.join(", "))
                .select(Select::SpecificAttributes);
            for (p, a) in placeholders.iter().zip(attributes) {
                req = req.expression_attribute_names(p, *a);
            }
        }
        if !prefixes.is_empty() {
            let filter: Vec<String> = (0..prefixes.len())
                .map(|i| format!("begins_with(#fn, :p{i})"))
                .collect();
            req = req
                .filter_expression(filter.join(" OR "))
                .expression_attribute_names("#fn", attr::NAME);
            for (i, prefix) in prefixes.iter().enumerate() {
                req = req.expression_attribute_values(
                    format!(":p{i}"),
                    AttributeValue::S(prefix.clone()),
                );
            }
        }
        req
    }

    /// One BatchGetItem for `keys` (at most [`BATCH_GET_KEYS`]), asked again with
    /// backoff for the keys DynamoDB leaves unprocessed.
    async fn batch_get(&self, keys: &[(String, String)]) -> Result<Vec<Item>, StoreError> {
        let mut pending: Vec<Item> = keys.iter().map(|(n, v)| Self::key(n, v)).collect();
        let mut items = Vec::new();
        let mut wait = UNPROCESSED_BACKOFF;
        for round in 1..=UNPROCESSED_ROUNDS {
            // Consistent: the keys come from a consistent scan, so an eventually
            // consistent read could miss the newest version it saw.
            let request = KeysAndAttributes::builder()
                .set_keys(Some(pending))
                .consistent_read(true)
                .build()
                .map_err(|e| StoreError::Other(e.to_string()))?;
            let out = self
                .client
                .batch_get_item()
                .request_items(&self.table, request)
                .send()
                .await
                .map_err(|e| self.classify(e))?;
            items.extend(out.responses.unwrap_or_default().into_values().flatten());
            pending = out
                .unprocessed_keys
                .unwrap_or_default()
                .into_values()
                .flat_map(|k| k.keys)
                .collect();
            if pending.is_empty() {
                return Ok(items);
            }
            if round < UNPROCESSED_ROUNDS {
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(UNPROCESSED_MAX_BACKOFF);
            }
        }
        Err(StoreError::Service {
            cause: crate::cause::Cause::Throttled,
            message: format!(
                "table {:?}: DynamoDB left {} keys unprocessed after {UNPROCESSED_ROUNDS} rounds; \
                 retry later or raise the table's read capacity",
                self.table,
                pending.len()
            ),
            source: None,
        })
    }

    /// Every item, decoded with `decode`, in one vector.
    async fn scan_with<T: Send>(
        &self,
        projection: Option<&[&str]>,
        prefixes: &[String],
        decode: fn(Item) -> T,
    ) -> Result<Vec<T>, StoreError> {
        let mut items = Vec::new();
        self.scan_each(projection, prefixes, false, &mut |_, _, page| {
            items.extend(page.into_iter().map(decode));
        })
        .await?;
        Ok(items)
    }

    /// Hands every page to `sink` as it arrives, with the segment it comes from and
    /// whether that segment has more pages. A first request (one page: 1 MB, some 2,000
    /// secrets) answers most tables; when there is more, the table is
    /// read in parallel segments (a serial chain of pages is slow on a big table) and
    /// that first page is dropped, or with `keep_first` handed over too, as part
    /// [`FIRST_PART`] with more to come: its items then come twice, which a reader that
    /// keeps the greatest version per name may ignore, and it can start work early.
    /// Only the pages in flight are held, never the whole table (a 100k-item listing is
    /// memory-bound).
    async fn scan_each(
        &self,
        projection: Option<&[&str]>,
        prefixes: &[String],
        keep_first: bool,
        sink: &mut (dyn FnMut(usize, bool, Vec<Item>) + Send),
    ) -> Result<(), StoreError> {
        let total = if self.scan_segments > 1 {
            self.scan_segments
        } else {
            let first = self
                .scan_request(projection, prefixes)
                .send()
                .await
                .map_err(|e| self.classify(e))?;
            if first
                .last_evaluated_key
                .as_ref()
                .is_none_or(HashMap::is_empty)
            {
                sink(0, false, first.items.unwrap_or_default());
                return Ok(());
            }
            if keep_first {
                sink(FIRST_PART, true, first.items.unwrap_or_default());
            }
            AUTO_SEGMENTS
        };
        let mut pages = stream::select_all(
            (0..total).map(|segment| self.segment_pages(projection, prefixes, segment, total)),
        );
        while let Some(page) = pages.next().await {
            let (segment, more, items) = page?;
            sink(segment, more, items);
        }
        Ok(())
    }

    /// The pages of one scan segment, one request at a time.
    fn segment_pages<'a>(
        &'a self,
        projection: Option<&'a [&'a str]>,
        prefixes: &'a [String],
        segment: i32,
        total: i32,
    ) -> stream::BoxStream<'a, Result<SegmentPage, StoreError>> {
        // State: the key to start after (None: the first page); no state: done.
        stream::try_unfold(Some(None), move |state: Option<Option<Item>>| async move {
            let Some(start) = state else {
                return Ok(None);
            };
            let out = self
                .scan_request(projection, prefixes)
                .segment(segment)
                .total_segments(total)
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(|e| self.classify(e))?;
            let next = out.last_evaluated_key.filter(|k| !k.is_empty()).map(Some);
            let part = usize::try_from(segment).unwrap_or_default();
            let page = (part, next.is_some(), out.items.unwrap_or_default());
            Ok(Some((page, next)))
        })
        .boxed()
    }
}

#[async_trait::async_trait]
impl SecretStore for DynamoStore {
    async fn create_table(&self, options: &SetupOptions) -> Result<SetupOutcome, StoreError> {
        let key_attr = |name: &str, kind: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(kind)
                .build()
                .map_err(|e| StoreError::Other(e.to_string()))
        };
        let def = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(|e| StoreError::Other(e.to_string()))
        };
        let mut req = self
            .client
            .create_table()
            .table_name(&self.table)
            .key_schema(key_attr(attr::NAME, KeyType::Hash)?)
            .key_schema(key_attr(attr::VERSION, KeyType::Range)?)
            .attribute_definitions(def(attr::NAME)?)
            .attribute_definitions(def(attr::VERSION)?)
            .deletion_protection_enabled(!options.no_deletion_protection);
        req = match options.provisioned {
            Some((read, write)) => req
                .billing_mode(BillingMode::Provisioned)
                .provisioned_throughput(
                    ProvisionedThroughput::builder()
                        .read_capacity_units(read)
                        .write_capacity_units(write)
                        .build()
                        .map_err(|e| StoreError::Other(e.to_string()))?,
                ),
            None => req.billing_mode(BillingMode::PayPerRequest),
        };
        for (k, v) in &options.tags {
            req = req.tags(
                Tag::builder()
                    .key(k)
                    .value(v)
                    .build()
                    .map_err(|e| StoreError::Other(e.to_string()))?,
            );
        }
        let outcome = match req.send().await {
            Ok(_) => SetupOutcome::Created,
            Err(e) if e.code() == Some("ResourceInUseException") => SetupOutcome::AlreadyExists,
            Err(e) => return Err(self.classify(e)),
        };
        self.wait_active().await?;
        // Only a table made here: an existing one is reported on, never changed.
        if outcome == SetupOutcome::Created && !options.no_point_in_time_recovery {
            self.enable_point_in_time_recovery().await?;
        }
        Ok(outcome)
    }

    async fn put_new(&self, record: &Record) -> Result<(), StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item::encode(record, self.hmac_encoding).map_err(
                |e| StoreError::Other(format!("cannot encode the item: {e}")),
            )?))
            .condition_expression("attribute_not_exists(#n)")
            .expression_attribute_names("#n", attr::NAME)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("ConditionalCheckFailedException") => {
                Err(StoreError::Conflict {
                    name: record.name.clone(),
                    version: record.version.clone(),
                })
            }
            Err(e) => Err(self.classify(e)),
        }
    }

    async fn latest(&self, name: &str) -> Result<Option<Record>, StoreError> {
        // credstash's query: the greatest version string, strongly consistent.
        let out = self
            .query_request(name)
            .limit(1)
            .scan_index_forward(false)
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        match out.items.unwrap_or_default().into_iter().next() {
            Some(found) => Ok(Some(item::decode(found)?)),
            None => Ok(None),
        }
    }

    async fn get_version(&self, name: &str, version: &str) -> Result<Option<Record>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(name, version)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        match out.item {
            Some(found) => Ok(Some(item::decode(found)?)),
            None => Ok(None),
        }
    }

    async fn versions(&self, name: &str) -> Result<Vec<String>, StoreError> {
        let items = self.query_name(name, Some("#v")).await?;
        Ok(items
            .into_iter()
            .filter_map(|mut item| match item.remove(attr::VERSION) {
                Some(AttributeValue::S(v)) => Some(v),
                _ => None,
            })
            .collect())
    }

    async fn scan(&self) -> Result<Vec<ScannedItem>, StoreError> {
        self.scan_with(None, &[], item::decode).await
    }

    async fn version_keys(&self, name: &str) -> Result<Vec<VersionKey>, StoreError> {
        let items = self.query_name(name, Some("#n, #v, #c")).await?;
        items
            .into_iter()
            .map(|item| item::decode_key(item).map_err(StoreError::Record))
            .collect()
    }

    async fn each_summary(
        &self,
        detailed: bool,
        sink: &mut (dyn FnMut(Result<Summary, RecordError>) + Send),
    ) -> Result<(), StoreError> {
        let projection: &[&str] = if detailed {
            &DETAILED_SUMMARY_ATTRIBUTES
        } else {
            &SUMMARY_ATTRIBUTES
        };
        self.scan_each(Some(projection), &[], false, &mut |_, _, page| {
            page.into_iter()
                .for_each(|item| sink(item::decode_summary(item)));
        })
        .await
    }

    async fn replace_wrap(
        &self,
        name: &str,
        version: &str,
        old_key: &[u8],
        new_key: &[u8],
        new_context: &EncryptionContext,
        new_wraps: &[KeyWrap],
    ) -> Result<(), StoreError> {
        let mut expected = record::encode_base64(old_key);
        // Two tries: the stored text of the old key may differ from its standard encoding
        // (a MIME-wrapped Ruby item); then the condition is retried on the exact text
        // read back, if and only if it decodes to the same key.
        for attempt in 0..2 {
            let result = self
                .update_wrap(name, version, &expected, new_key, new_context, new_wraps)
                .await;
            match result {
                Ok(()) => return Ok(()),
                Err(StoreError::Conflict { .. }) if attempt == 0 => {
                    match self.stored_key_text(name, version).await? {
                        Some(text)
                            if text != expected
                                && record::decode_base64(&text).ok().as_deref()
                                    == Some(old_key) =>
                        {
                            expected = text;
                        }
                        _ => break,
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(StoreError::Conflict {
            name: name.to_string(),
            version: version.to_string(),
        })
    }

    async fn delete(&self, name: &str, version: &str) -> Result<bool, StoreError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(name, version)))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }

    /// A projected Scan (name, version, context), filtered on the server with
    /// `begins_with` on the name. Strongly consistent, like every read of a selection:
    /// a version written just before must be the one selected.
    async fn scan_keys(
        &self,
        prefixes: &[String],
    ) -> Result<Vec<Result<VersionKey, RecordError>>, StoreError> {
        let prefixes = if prefixes.len() > MAX_FILTER_PREFIXES {
            &[]
        } else {
            prefixes
        };
        self.scan_with(Some(&KEY_ATTRIBUTES), prefixes, item::decode_key)
            .await
    }

    async fn each_key_page(
        &self,
        prefixes: &[String],
        sink: &mut (dyn FnMut(usize, bool, Vec<Result<VersionKey, RecordError>>) + Send),
    ) -> Result<(), StoreError> {
        let prefixes = if prefixes.len() > MAX_FILTER_PREFIXES {
            &[]
        } else {
            prefixes
        };
        self.scan_each(
            Some(&KEY_ATTRIBUTES),
            prefixes,
            true,
            &mut |part, more, page| {
                sink(part, more, page.into_iter().map(item::decode_key).collect());
            },
        )
        .await
    }

    /// BatchGetItem, 100 keys a request (DynamoDB's limit), 8
    /// requests in flight, strongly consistent.
    async fn get_records(&self, keys: &[(String, String)]) -> Result<Vec<ScannedItem>, StoreError> {
        // The futures are made first: a closure inside the stream would not be Send.
        let requests: Vec<_> = keys
            .chunks(BATCH_GET_KEYS)
            .map(|chunk| self.batch_get(chunk))
            .collect();
        let batches: Vec<Vec<Item>> = stream::iter(requests)
            .buffer_unordered(BATCH_GET_CONCURRENCY)
            .try_collect()
            .await?;
        Ok(batches.into_iter().flatten().map(item::decode).collect())
    }

    async fn records_of(&self, name: &str) -> Result<Vec<Record>, StoreError> {
        let items = self.query_name(name, None).await?;
        Ok(items
            .into_iter()
            .map(item::decode)
            .collect::<Result<_, _>>()?)
    }
}
