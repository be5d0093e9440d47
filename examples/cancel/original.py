"""Cancelling tasks: task.cancel(), cleanup in finally, wait_for and shield (this project's
own original).

cancel() raises CancelledError inside the task at the await where it waits, so its finally
runs. wait_for cancels what it times out, and waits for that cleanup before it raises
TimeoutError. shield() keeps a task from the cancellation of the one awaiting it: the
timeout cancels the shield, and the task runs on.
"""
# ANCHOR: original
import asyncio


async def worker(name, seconds):
    print(f"{name} starts")
    try:
        await asyncio.sleep(seconds)
        print(f"{name} is done")
        return name
    finally:
        print(f"{name} cleans up")  # done or cancelled


async def main():
    task = asyncio.create_task(worker("a", 10))
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("a was cancelled")

    try:
        await asyncio.wait_for(worker("b", 10), timeout=1)
    except TimeoutError:
        print("b timed out")

    task = asyncio.create_task(worker("c", 2))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except TimeoutError:
        print("c timed out, and runs on")
    print(f"{await task} finished")


asyncio.run(main())
# ANCHOR_END: original
