"""asyncio.wait(FIRST_COMPLETED), and what becomes of the tasks that were not first (this
project's own original).

wait() returns as soon as one task is done, with the set of those done and the set of those
still pending: the others keep running until they end or are cancelled. Cancelling them at
once, as the second race does, is what tokio::select! does to its other branches.
"""
# ANCHOR: original
import asyncio


async def racer(name, seconds):
    print(f"{name} starts")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name} is cancelled")
        raise
    print(f"{name} is done after {seconds} s")
    return name


async def main():
    # The others keep running: wait() only says which tasks are done.
    tasks = [
        asyncio.create_task(racer("slow", 3)),
        asyncio.create_task(racer("fast", 1)),
        asyncio.create_task(racer("medium", 2)),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"first: {done.pop().result()}, {len(pending)} still running")
    await asyncio.sleep(1.5)
    for task in tasks:
        task.cancel()  # does nothing to a task that is done
    await asyncio.wait(tasks)

    # The others cancelled as soon as one is done.
    tasks = [
        asyncio.create_task(racer("slow", 3)),
        asyncio.create_task(racer("fast", 1)),
        asyncio.create_task(racer("medium", 2)),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks)
    print(f"first: {done.pop().result()}, the others cancelled")


asyncio.run(main())
# ANCHOR_END: original
