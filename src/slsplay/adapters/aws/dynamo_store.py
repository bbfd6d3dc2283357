"""The item store on DynamoDB, with the change feed read from the table's stream.

Clients are built on first use, never at import, so a Lambda function that never touches
the table pays nothing for it at cold start.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from slsplay.adapters.cursors import decode_cursor, encode_cursor
from slsplay.attribute_values import (
    change_from_record,
    from_attribute_values,
    to_attribute_value,
    to_attribute_values,
)
from slsplay.ports import (
    PK,
    SK,
    AllOf,
    Change,
    ChangeBatch,
    Check,
    Condition,
    ConditionFailed,
    Delete,
    Equals,
    Exists,
    InvalidCursor,
    Item,
    ItemStore,
    Key,
    LessThan,
    NotExists,
    Page,
    Put,
    SortKeyRange,
    StoreBusy,
    TableSchema,
    TransactionOp,
    Update,
    Write,
    correlated,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodbstreams import DynamoDBStreamsClient

# A stream shard answers with no records now and then although more follow; read on a
# few times before concluding that a shard has nothing new.
_EMPTY_READS_PER_SHARD = 3
# BatchGetItem may leave keys unprocessed under throttling: ask again this often.
_BATCH_GET_ATTEMPTS = 8


class _Expression:
    """Builds one request's expression strings with placeholder names and values."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}

    def name(self, attribute: str) -> str:
        placeholder = f"#n{len(self.names)}"
        self.names[placeholder] = attribute
        return placeholder

    def value(self, value: Any) -> str:
        placeholder = f":v{len(self.values)}"
        self.values[placeholder] = to_attribute_value(value)
        return placeholder

    def condition(self, condition: Condition) -> str:
        if isinstance(condition, Exists):
            return f"attribute_exists({self.name(PK)})"
        if isinstance(condition, NotExists):
            return f"attribute_not_exists({self.name(PK)})"
        if isinstance(condition, AllOf):
            return " AND ".join(f"({self.condition(c)})" for c in condition.conditions)
        operator = "=" if isinstance(condition, Equals) else "<"
        assert isinstance(condition, Equals | LessThan)
        return f"{self.name(condition.attribute)} {operator} {self.value(condition.value)}"

    def update(self, op: Update) -> str:
        clauses = []
        if op.set:
            clauses.append(
                "SET " + ", ".join(f"{self.name(k)} = {self.value(v)}" for k, v in op.set.items())
            )
        if op.add:
            clauses.append(
                "ADD " + ", ".join(f"{self.name(k)} {self.value(v)}" for k, v in op.add.items())
            )
        if op.remove:
            clauses.append("REMOVE " + ", ".join(self.name(k) for k in op.remove))
        return " ".join(clauses)

    def arguments(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.names:
            out["ExpressionAttributeNames"] = self.names
        if self.values:
            out["ExpressionAttributeValues"] = self.values
        return out


class DynamoItemStore(ItemStore):
    """The table in DynamoDB; the change feed through the DynamoDB Streams API."""

    def __init__(
        self,
        table_name: str,
        schema: TableSchema,
        client_factory: Callable[[str], Any],
    ) -> None:
        self.schema = schema
        self.table_name = table_name
        self._client_factory = client_factory
        self._dynamodb: DynamoDBClient | None = None
        self._streams: DynamoDBStreamsClient | None = None
        self._stream_arn: str | None = None

    @property
    def dynamodb(self) -> DynamoDBClient:
        """The DynamoDB client, built on first use."""
        if self._dynamodb is None:
            self._dynamodb = self._client_factory("dynamodb")
        return self._dynamodb

    @property
    def streams(self) -> DynamoDBStreamsClient:
        """The DynamoDB Streams client, built on first use."""
        if self._streams is None:
            self._streams = self._client_factory("dynamodbstreams")
        return self._streams

    # -- reads ------------------------------------------------------------------------------

    def get(self, key: Key) -> Item | None:
        """The item with that key (a strongly consistent read), or ``None``."""
        answer = self.dynamodb.get_item(
            TableName=self.table_name,
            Key=to_attribute_values({PK: key.pk, SK: key.sk}),
            ConsistentRead=True,
        )
        return from_attribute_values(answer["Item"]) if "Item" in answer else None

    def _get_many(self, keys: list[Key]) -> dict[Key, Item]:
        """The items that exist among ``keys``, by BatchGetItem (retrying what it leaves)."""
        wanted = [to_attribute_values({PK: k.pk, SK: k.sk}) for k in keys]
        found: dict[Key, Item] = {}
        request: dict[str, Any] = {self.table_name: {"Keys": wanted, "ConsistentRead": True}}
        for attempt in range(_BATCH_GET_ATTEMPTS):
            answer = self.dynamodb.batch_get_item(RequestItems=request)
            for raw in answer.get("Responses", {}).get(self.table_name, []):
                item = from_attribute_values(raw)
                found[Key(item[PK], item[SK])] = item
            request = answer.get("UnprocessedKeys") or {}
            if not request:
                return found
            time.sleep(min(1.0, 0.05 * 2**attempt))  # throttled: back off, then ask again
        raise StoreBusy

    def _query(
        self,
        partition: str,
        range_: SortKeyRange,
        *,
        index: str | None,
        descending: bool,
        limit: int,
        cursor: str | None,
    ) -> Page:
        hash_key, range_key = (PK, SK) if index is None else self._columns(index)
        ex = _Expression()
        key_condition = f"{ex.name(hash_key)} = {ex.value(partition)}"
        if range_.prefix is not None:
            key_condition += f" AND begins_with({ex.name(range_key)}, {ex.value(range_.prefix)})"
        if range_.between is not None:
            low, high = range_.between
            key_condition += (
                f" AND {ex.name(range_key)} BETWEEN {ex.value(low)} AND {ex.value(high)}"
            )
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": key_condition,
            "ScanIndexForward": not descending,
            **ex.arguments(),
        }
        if index is None:
            request["ConsistentRead"] = True
        else:
            request["IndexName"] = index
        attributes = self.schema.key_attributes(index)
        if cursor is not None:
            start = decode_cursor(cursor, attributes, hash_key, partition)
            request["ExclusiveStartKey"] = to_attribute_values(start)
        items: list[Item] = []
        while len(items) <= limit:
            request["Limit"] = limit + 1 - len(items)
            try:
                answer = self.dynamodb.query(**request)
            except ClientError as e:
                if _code(e) == "ValidationException" and cursor is not None:
                    raise InvalidCursor(str(e)) from e
                raise
            items += [from_attribute_values(values) for values in answer["Items"]]
            if "LastEvaluatedKey" not in answer:
                break
            request["ExclusiveStartKey"] = answer["LastEvaluatedKey"]
        more = len(items) > limit
        items = items[:limit]
        return Page(items, encode_cursor(items[-1], attributes) if more else None)

    def _columns(self, index: str) -> tuple[str, str]:
        spec = self.schema.index(index)
        return spec.partition_key, spec.sort_key

    # -- writes -----------------------------------------------------------------------------

    def write(self, op: Write) -> None:
        """One PutItem, UpdateItem or DeleteItem with its condition."""
        request = self._request(op)
        try:
            if isinstance(op, Put):
                self.dynamodb.put_item(**request)
            elif isinstance(op, Update):
                self.dynamodb.update_item(**request)
            else:
                self.dynamodb.delete_item(**request)
        except ClientError as e:
            if _code(e) == "ConditionalCheckFailedException":
                raise ConditionFailed((0,)) from e
            raise

    def _transact(self, ops: Sequence[TransactionOp]) -> None:
        kinds = {Put: "Put", Update: "Update", Delete: "Delete", Check: "ConditionCheck"}
        items = [{kinds[type(op)]: self._request(op)} for op in ops]
        try:
            self.dynamodb.transact_write_items(TransactItems=items)  # type: ignore[arg-type]
        except ClientError as e:
            if _code(e) != "TransactionCanceledException":
                raise
            reasons = [r.get("Code", "None") for r in e.response.get("CancellationReasons", [])]
            failed = tuple(i for i, code in enumerate(reasons) if code == "ConditionalCheckFailed")
            if failed:
                raise ConditionFailed(failed) from e
            raise StoreBusy from e

    def _request(self, op: TransactionOp) -> dict[str, Any]:
        op = correlated(op)
        ex = _Expression()
        request: dict[str, Any] = {"TableName": self.table_name}
        if isinstance(op, Put):
            request["Item"] = to_attribute_values(op.item)
        else:
            request["Key"] = to_attribute_values({PK: op.key.pk, SK: op.key.sk})
        if isinstance(op, Update):
            request["UpdateExpression"] = ex.update(op)
        if op.condition is not None:
            request["ConditionExpression"] = ex.condition(op.condition)
        request.update(ex.arguments())
        return request

    # -- the change feed --------------------------------------------------------------------

    def stream_arn(self) -> str:
        """The ARN of the table's latest stream."""
        if self._stream_arn is None:
            table = self.dynamodb.describe_table(TableName=self.table_name)["Table"]
            if "LatestStreamArn" not in table:
                raise RuntimeError(f"table {self.table_name} has no stream enabled")
            self._stream_arn = table["LatestStreamArn"]
        return self._stream_arn

    def changes(self, after: str | None = None, limit: int = 100) -> ChangeBatch:
        """Stream records after the position given (a JSON map of shard to sequence number)."""
        positions: dict[str, str] = json.loads(after) if after else {}
        changes: list[Change] = []
        for shard_id in self._shard_ids():
            iterator = self._iterator(shard_id, positions.get(shard_id))
            empty_reads = 0
            while iterator and len(changes) < limit and empty_reads < _EMPTY_READS_PER_SHARD:
                answer = self.streams.get_records(
                    ShardIterator=iterator, Limit=limit - len(changes)
                )
                for record in answer["Records"]:
                    positions[shard_id] = record["dynamodb"]["SequenceNumber"]
                    change = change_from_record(record, json.dumps(positions, sort_keys=True))
                    # DynamoDB writes no record for a write that changes nothing; some
                    # emulators do, with equal images. Such a record carries no change.
                    if change.kind != "MODIFY" or change.old_image != change.new_image:
                        changes.append(change)
                empty_reads = 0 if answer["Records"] else empty_reads + 1
                iterator = answer.get("NextShardIterator")
            if len(changes) >= limit:
                break
        position = json.dumps(positions, sort_keys=True) if positions else after
        return ChangeBatch(changes, position)

    def _shard_ids(self) -> list[str]:
        shards: list[str] = []
        request: dict[str, Any] = {"StreamArn": self.stream_arn()}
        while True:
            description = self.streams.describe_stream(**request)["StreamDescription"]
            shards += [shard["ShardId"] for shard in description["Shards"]]
            last = description.get("LastEvaluatedShardId")
            if not last:
                return shards
            request["ExclusiveStartShardId"] = last

    def _iterator(self, shard_id: str, sequence_number: str | None) -> str | None:
        request: dict[str, Any] = {"StreamArn": self.stream_arn(), "ShardId": shard_id}
        if sequence_number is None:
            request["ShardIteratorType"] = "TRIM_HORIZON"
        else:
            request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER"
            request["SequenceNumber"] = sequence_number
        iterator: str | None = self.streams.get_shard_iterator(**request).get("ShardIterator")
        return iterator


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
