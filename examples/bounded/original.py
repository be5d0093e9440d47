"""asyncio.Semaphore: at most LIMIT page fetches at once (this project's own original).

usage: python3 original.py BASE_URL [LIMIT], e.g. http://127.0.0.1:8080 2, with the local
site running (cargo run -p site -- --port 8080). Six pages of the site's /slow path, whose
bodies take the milliseconds below, are fetched with at most LIMIT (default 2) in flight.
"""
# ANCHOR: original
import asyncio
import re
import sys
import urllib.request

# Each page's delay in ms, chosen so that no two fetches end at the same moment.
DELAYS = [1800, 300, 600, 600, 600, 600]
USAGE = "usage: bounded BASE_URL [LIMIT] (an http:// or https:// URL, a whole number from 1 to 100)"

in_flight = 0


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


async def fetch(n, url, semaphore):
    global in_flight
    async with semaphore:  # wait here while LIMIT fetches hold the semaphore
        in_flight += 1
        now = in_flight
        print(f"start {n} ({in_flight} in flight)")
        try:
            # urllib blocks, so it runs in a thread; the loop awaits it.
            html = await asyncio.to_thread(get, url)
            title = re.search(r"<title>(.*?)</title>", html).group(1)
        except OSError as error:
            print(f"error: {url}: {error}", file=sys.stderr)
            title = "failed"
        in_flight -= 1
        print(f"done {n}: {title} ({in_flight} in flight)")
        return now, title != "failed"


async def main(base, limit):
    semaphore = asyncio.Semaphore(limit)
    urls = [f"{base}/slow?ms={ms}" for ms in DELAYS]
    results = await asyncio.gather(*(fetch(n, url, semaphore) for n, url in enumerate(urls)))
    print(f"{len(urls)} pages, at most {max(now for now, _ in results)} in flight")
    return 0 if all(ok for _, ok in results) else 1


def arguments(args):
    if len(args) not in (1, 2) or not args[0].startswith(("http://", "https://")):
        return None
    limit = args[1] if len(args) == 2 else "2"
    if not re.fullmatch(r"[0-9]+", limit) or not 1 <= int(limit) <= 100:
        return None
    return args[0].rstrip("/"), int(limit)


if __name__ == "__main__":
    parsed = arguments(sys.argv[1:])
    if parsed is None:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(main(*parsed)))
# ANCHOR_END: original
