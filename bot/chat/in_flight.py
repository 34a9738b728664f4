"""The chat work under way in a web process, so that a stop (SIGTERM) can let it finish."""

from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger(__name__)


class WorkInFlight:
    """The tasks that entered the chat flow and have not ended. A platform acknowledges a
    request before it answers (Slack within 3 s), so the answer runs in a task of its own
    after the HTTP response: the web server's own drain does not see it."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[object]] = set()

    def track(self) -> None:
        """Counts the current task in, until it ends (no-op outside a task)."""
        try:
            task = asyncio.current_task()
        except RuntimeError:
            return
        if task is not None and task not in self._tasks:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def count(self) -> int:
        return sum(not task.done() for task in self._tasks)

    async def drain(self, timeout: float) -> int:
        """Waits up to `timeout` seconds for the work under way; returns how much was left."""
        current = asyncio.current_task()
        pending = {task for task in self._tasks if task is not current and not task.done()}
        if not pending:
            return 0
        logger.info("stopping: waiting for %d answers under way", len(pending))
        _done, left = await asyncio.wait(pending, timeout=timeout)
        if left:
            logger.warning("stopping with %d answers unfinished after %g s", len(left), timeout)
        else:
            logger.info("stopping: every answer under way was sent")
        return len(left)
