"""A plain thread, with blocking work of its own, hands coroutines to the running event loop
and waits for their results: asyncio.run_coroutine_threadsafe and the
concurrent.futures.Future it returns. The loop stays free meanwhile: its ticks go on.
"""
import asyncio
import threading
import time


async def square(n):
    print(f"loop: squaring {n}")
    await asyncio.sleep(0.1)
    return n * n


def blocking_work(loop):
    """A plain thread: no event loop of its own, blocking calls only."""
    for n in (2, 3, 4):
        time.sleep(0.3)  # blocking work of its own
        future = asyncio.run_coroutine_threadsafe(square(n), loop)
        # result() blocks this thread until the loop has run square(n), not the loop.
        print(f"thread: {n} squared is {future.result()}")


async def main():
    loop = asyncio.get_running_loop()
    thread = threading.Thread(target=blocking_work, args=(loop,))
    thread.start()
    for tick in (1, 2):
        print(f"loop: tick {tick}")
        await asyncio.sleep(0.5)
    print("loop: waiting for the thread")
    # thread.join() here would block the loop, and the thread's next square with it.
    await asyncio.to_thread(thread.join)
    print("loop: thread joined")


asyncio.run(main())
