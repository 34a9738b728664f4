"""A chat platform's request body, read no further than a limit: their payloads are small."""

from __future__ import annotations

from starlette.requests import Request

# Slack's and the Bot Connector's payloads are a few KB; anything far larger is not one.
MAX_BODY_BYTES = 1_000_000


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """The body, or None once it passes `limit`: refused on its declared length before a byte
    is read, or (streamed, chunked) as soon as what arrived passes it, holding no more."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
