//! ex_sleep_0: the two counts joined with tokio::join! and `biased;`, futures_lite's yield after each line.
//! verdict: pass
//! diagnosis: none

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        println!("{name} {cnt}");
        futures_lite::future::yield_now().await;
    }
}

#[vclock::main]
async fn main() {
    println!("Before");
    println!("After");
    tokio::join!(biased; count("A"), count("B"));
}
