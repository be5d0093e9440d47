"""asyncio.Event: tasks wait until another task sets it (this project's own original).

An Event is a flag and the tasks waiting for it. set() releases every waiter, and the flag
stays set: a task that waits later goes at once. set() followed at once by clear() is a
pulse: it releases the tasks waiting at that moment, and a later one waits for the next.
"""
# ANCHOR: original
import asyncio


async def waiter(name, event):
    print(f"{name} waits")
    await event.wait()
    print(f"{name} goes")


async def main():
    # An Event stays set: set() releases the waiters, and a later one goes at once.
    door = asyncio.Event()
    early = [asyncio.create_task(waiter(name, door)) for name in ("a", "b", "c")]
    await asyncio.sleep(1)
    print("the door opens")
    door.set()
    await asyncio.gather(*early)
    await waiter("d", door)

    # set() and clear() together: a pulse that releases only who waits right now.
    bell = asyncio.Event()
    e = asyncio.create_task(waiter("e", bell))
    await asyncio.sleep(1)
    print("the bell rings")
    bell.set()
    bell.clear()
    f = asyncio.create_task(waiter("f", bell))
    await asyncio.sleep(1)
    print("the bell rings")
    bell.set()
    bell.clear()
    await asyncio.gather(e, f)


asyncio.run(main())
# ANCHOR_END: original
