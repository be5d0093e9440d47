"""asyncio.Lock and shared state (this project's own original).

Three tasks each add 1 to a shared balance by reading it, awaiting a slow save, and writing
back what they read plus one. Without a lock, all three read 0 before any writes: two of the
three updates are lost. With asyncio.Lock around the read, the wait and the write, they take
turns and the balance is 3. A counter changed with no await in between needs no lock.
"""
# ANCHOR: original
import asyncio

balance = 0
hits = 0


async def deposit_unlocked(name):
    global balance
    value = balance
    print(f"{name} reads {value}")
    await asyncio.sleep(0.1)  # a slow save: the other tasks run meanwhile
    balance = value + 1
    print(f"{name} writes {value + 1}")


async def deposit_locked(name, lock):
    global balance
    async with lock:  # the read, the wait and the write: one task at a time
        value = balance
        print(f"{name} reads {value}")
        await asyncio.sleep(0.1)
        balance = value + 1
        print(f"{name} writes {value + 1}")


async def hit():
    global hits
    hits += 1  # no await between the read and the write: no other task runs in between
    await asyncio.sleep(0.1)


async def main():
    global balance
    await asyncio.gather(*(deposit_unlocked(name) for name in "abc"))
    print(f"without a lock: {balance} after 3 deposits")

    balance = 0
    lock = asyncio.Lock()
    await asyncio.gather(*(deposit_locked(name, lock) for name in "abc"))
    print(f"with a lock: {balance} after 3 deposits")

    await asyncio.gather(*(hit() for _ in range(3)))
    print(f"hits: {hits} after 3 hits")


asyncio.run(main())
# ANCHOR_END: original
