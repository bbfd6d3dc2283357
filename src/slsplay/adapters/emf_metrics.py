"""The product's metrics as CloudWatch's embedded metric format (EMF): one JSON line in the
function's log per measure, which CloudWatch Logs turns into a metric in the cloud (no
PutMetricData call, no permission) and the local runtime keeps in its log as it is.

Each line is written at once (Powertools' ``single_metric``) rather than gathered until the
invocation ends: a consumer's batch holds the records of many requests, and each line carries
the correlation id of its own (a property of the line, not a dimension: one metric per
request would cost one metric each). The dimensions are the measure's and ``service``
(POWERTOOLS_SERVICE_NAME: one per stage).
"""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit, single_metric

from slsplay.ports import CORRELATION_ATTRIBUTE, Measure, correlation_id


class EmfMetrics:
    """A ``Metrics`` that prints each measure as an EMF line in ``namespace``."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def count(self, measure: Measure) -> None:
        """Print one EMF line for ``measure``, with the bound correlation id."""
        with single_metric(
            name=measure.name,
            unit=MetricUnit.Count,
            value=measure.value,
            namespace=self.namespace,
        ) as metric:
            for name, value in measure.dimensions.items():
                metric.add_dimension(name=name, value=value)
            correlation = correlation_id()
            if correlation is not None:
                metric.add_metadata(key=CORRELATION_ATTRIBUTE, value=correlation)
