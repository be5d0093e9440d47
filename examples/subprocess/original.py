"""Run a program, relay its output line by line as it comes, and never wait for it longer
than a timeout: asyncio.create_subprocess_exec, its stdout, asyncio.wait_for on its end.

usage: original.py [--timeout SECONDS] [PROGRAM [ARG ...]]
Without a program it runs a short shell script that prints two lines 0.5 s apart.
"""
import argparse
import asyncio
import sys

DEMO = ["sh", "-c", "echo one; sleep 0.5; echo two"]


async def run(command, timeout):
    proc = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE)

    async def relay():
        async for line in proc.stdout:  # each line as the program prints it
            print(f"{command[0]}: {line.decode(errors='replace').rstrip()}")
        return await proc.wait()

    try:
        code = await asyncio.wait_for(relay(), timeout)
    except TimeoutError:
        proc.kill()  # SIGKILL: asyncio never kills a child by itself
        code = await proc.wait()  # reap it: no zombie left
        print(f"timed out after {timeout} s: killed by signal {-code}")
        return 1
    print(f"exit code {code}")
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command or DEMO
    try:
        return asyncio.run(run(command, args.timeout))
    except OSError as e:
        why = f"{e.strerror} (os error {e.errno})"  # in the words of Rust's io::Error
        print(f"error: cannot run {command[0]}: {why}", file=sys.stderr)
        return 1


sys.exit(main())
