"""The edge cache on CloudFront: invalidations of the distribution in front of the pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from slsplay.ids import new_id


class CloudFrontEdgeCache:
    """``EdgeCache`` as CreateInvalidation requests on one distribution."""

    def __init__(self, distribution_id: str, client: Callable[[str], Any]) -> None:
        self.distribution_id = distribution_id
        self._client = client
        self._cloudfront: Any = None

    def invalidate(self, paths: Sequence[str]) -> None:
        """One invalidation of ``paths``; its caller reference is new, so a retried batch is
        a new invalidation, never refused as a repeat of one that failed half-way."""
        if self._cloudfront is None:
            self._cloudfront = self._client("cloudfront")
        self._cloudfront.create_invalidation(
            DistributionId=self.distribution_id,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": list(paths)},
                "CallerReference": new_id(),
            },
        )

    def since(self, position: int) -> tuple[list[list[str]], int]:
        """The invalidations made after the first ``position`` ones, oldest first, and how
        many there are now (what the local runtime's emulated edge reads on this backend)."""
        if self._cloudfront is None:
            self._cloudfront = self._client("cloudfront")
        summaries: list[dict[str, Any]] = []
        for page in self._cloudfront.get_paginator("list_invalidations").paginate(
            DistributionId=self.distribution_id
        ):
            summaries.extend(page.get("InvalidationList", {}).get("Items", []))
        # CloudFront lists the newest first.
        summaries.sort(key=lambda summary: summary["CreateTime"])
        batches = []
        for summary in summaries[position:]:
            found = self._cloudfront.get_invalidation(
                DistributionId=self.distribution_id, Id=summary["Id"]
            )
            batches.append(found["Invalidation"]["InvalidationBatch"]["Paths"].get("Items", []))
        return batches, len(summaries)
