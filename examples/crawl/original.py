"""A crawler that follows links to a depth: each page's links are crawled at the same time.

This project's own original. The site is a dict in memory: each page has a latency (how long
its fetch takes) and the pages it links to. Usage: python3 original.py [DEPTH] (default 2).
"""
import asyncio
import sys
import time

# page -> (latency in seconds, links)
SITE = {
    "/": (0.1, ["/blog", "/shop", "/about"]),
    "/blog": (0.7, ["/blog/async", "/blog/rust", "/"]),
    "/shop": (0.1, ["/shop/cart", "/about"]),
    "/about": (0.4, ["/team", "/"]),
    "/blog/async": (0.7, ["/blog/rust", "/shop"]),
    "/blog/rust": (0.3, ["/blog/async", "/careers"]),
    "/shop/cart": (0.2, ["/shop/checkout"]),
    "/shop/checkout": (0.8, ["/"]),
    "/team": (0.1, ["/about", "/careers"]),
    "/careers": (0.4, ["/"]),
}


async def fetch(page):
    latency, links = SITE[page]
    await asyncio.sleep(latency)
    return links


async def crawl(page, level, depth, seen):
    if page in seen:
        return
    seen.add(page)
    links = await fetch(page)
    print(f"depth {level}: {page} -> {' '.join(links)}")
    if level < depth:
        await asyncio.gather(*(crawl(link, level + 1, depth, seen) for link in links))


async def main(depth):
    start = time.perf_counter()
    seen = set()
    await crawl("/", 0, depth, seen)
    print(f"Crawled {len(seen)} pages in {time.perf_counter() - start:.2f} seconds")


if __name__ == "__main__":
    arg = sys.argv[1] if len(sys.argv) > 1 else "2"
    if len(sys.argv) > 2 or not (arg.isascii() and arg.isdigit()):
        sys.exit("usage: crawl [DEPTH]: DEPTH, how many links deep to follow, is a whole number")
    asyncio.run(main(int(arg)))
