//! Port of `co_routine.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: calling an async function runs none of it. It returns a future, a value that
//! does nothing until it is awaited, so "start to answer" comes only after "before await
//! for coroutine". Compare `async_task`, where a spawned task starts by itself.

// ANCHOR: main
async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_coroutine = answer();
    // Python prints `<coroutine object answer at 0x…>`; the nearest Rust is the future's type.
    println!("{}", std::any::type_name_of_val(&a_coroutine));

    // asyncio.sleep(0): to the back of the line of ready tasks (see count_sleep_0 for why
    // this yield_now and not tokio's). There is no other task, and the future has not
    // started: nothing has polled it.
    futures_lite::future::yield_now().await;
    println!("before await for coroutine");

    let result = a_coroutine.await;
    println!("result is {result} after await");
}
// ANCHOR_END: main
