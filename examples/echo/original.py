"""An echo server and three clients in one program: asyncio.start_server and
asyncio.open_connection on 127.0.0.1, on a port the system picks.

Each client sends its name, then one word every 0.3 s, and prints what came back; the clients
start 0.1 s apart, so their lines interleave, as they can only if the server serves every
connection at the same time: start_server runs `handle` in a task of its own for each one.
A client that is done shuts its side (write_eof); the server says goodbye by closing its own,
and the client reads to the end, so no connection is left half open when the server closes.
"""
import asyncio

HOST = "127.0.0.1"


async def handle(reader, writer):
    """One connection, in its own task: echo each line until the client is done."""
    name = (await reader.readline()).decode().strip()
    print(f"server: {name} connected")
    while line := await reader.readline():
        writer.write(line)
        await writer.drain()
    print(f"server: {name} left")
    writer.close()
    await writer.wait_closed()


async def client(name, port, start, words):
    await asyncio.sleep(start)
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"{name}\n".encode())
    for word in words:
        writer.write(f"{word}\n".encode())
        await writer.drain()
        echo = (await reader.readline()).decode().rstrip("\n")
        print(f"{name} sent '{word}', got '{echo}'")
        await asyncio.sleep(0.3)
    writer.write_eof()
    await reader.read()  # to the end: the server has closed its side
    writer.close()
    await writer.wait_closed()


async def main():
    # Port 0: the system picks a free one.
    server = await asyncio.start_server(handle, HOST, 0)
    port = server.sockets[0].getsockname()[1]
    print(f"serving on {HOST}:{port}")
    async with server:
        await asyncio.gather(
            client("A", port, 0.0, ["one", "two", "three"]),
            client("B", port, 0.1, ["four", "five", "six"]),
            client("C", port, 0.2, ["seven", "eight", "nine"]),
        )
    print("server closed")


asyncio.run(main())
