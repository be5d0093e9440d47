"""Workers take jobs until a signal asks them to stop; then no new job starts, the jobs in
flight finish, and the program exits 0 with a summary: a graceful shutdown, with
loop.add_signal_handler for SIGTERM and SIGINT (Ctrl-C) and an asyncio.Event.

usage: original.py [--jobs N] [--signal-after SECONDS] [--signal TERM|INT]
--signal-after: the program sends itself a signal after that many seconds: SIGTERM, as `kill`
would, or with --signal INT, SIGINT, as Ctrl-C would.
"""
import argparse
import asyncio
import os
import signal

WORKERS = 3


async def worker(name, jobs, stopping):
    done = 0
    while not stopping.is_set():  # no new job once the shutdown has begun
        job = next(jobs, None)
        if job is None:
            break
        seconds = (5, 7, 9)[job % 3] / 10
        print(f"{name} starts job {job} ({seconds} s)")
        await asyncio.sleep(seconds)  # a job in flight is never cut short
        print(f"{name} finished job {job}")
        done += 1
    return done


def on_signal(sig, stopping):
    print(f"got {signal.Signals(sig).name}: no new jobs, waiting for those in flight")
    stopping.set()


async def main(args):
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal, sig, stopping)
    if args.signal_after is not None:
        sent = signal.SIGINT if args.signal == "INT" else signal.SIGTERM
        loop.call_later(args.signal_after, os.kill, os.getpid(), sent)
    jobs = iter(range(1, args.jobs + 1))  # one iterator, shared: each job is taken once
    workers = (worker(f"worker {i}", jobs, stopping) for i in range(1, WORKERS + 1))
    done = await asyncio.gather(*workers)
    print(f"{sum(done)} jobs done, {args.jobs - sum(done)} never started")


parser = argparse.ArgumentParser()
parser.add_argument("--jobs", type=int, default=8)
parser.add_argument("--signal-after", type=float)
parser.add_argument("--signal", choices=["TERM", "INT"], default="TERM")
asyncio.run(main(parser.parse_args()))
