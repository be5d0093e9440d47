"""A request id that follows each request across its awaits, while requests run side by side:
contextvars.ContextVar, read by a log function that is given no id.

Each task runs in a copy of the context it was created in: a value set inside a task stays
inside it, and a task created inside a request (the audit below) starts with that
request's id.
"""
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


def log(message):
    print(f"[{request_id.get()}] {message}")


async def audit(user):
    await asyncio.sleep(0.05)
    log(f"audit: {user} was served")


async def load(user, seconds):
    log(f"loading {user}")
    await asyncio.sleep(seconds)
    log(f"loaded {user}")


async def handle(rid, user, seconds):
    request_id.set(rid)  # this task's own copy of the context
    log("start")
    await load(user, seconds)
    await asyncio.create_task(audit(user))  # a new task: it inherits the id
    log("done")


async def main():
    log("main starts")
    requests = [("ada", 0.3), ("bob", 0.1), ("cy", 0.2)]
    await asyncio.gather(
        *(handle(f"req-{n}", user, seconds) for n, (user, seconds) in enumerate(requests, 1))
    )
    log("main ends")  # the tasks' ids never reached main's context


asyncio.run(main())
