//! What writing a load's texts costs on this machine, apart from parsing them: `MIB` MiB
//! (128 unless given) written in 4 KiB pieces into fresh chunks, as the loader's arena
//! writes day texts, against the same bytes written over memory already touched. Prints
//! both in milliseconds, "fresh<TAB>touched"; `bench/run.sh` reports their medians.
//!
//! ```sh
//! cargo run --release --example fresh-memory -- 128
//! ```
//!
//! A load writes every text into fresh memory (124 MiB on the 10-year bench archive), a
//! cost that ripgrep, which keeps nothing, never pays.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chatlog::arena::Arena;

fn main() {
    let mib: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(128);
    let word = "代扣 pay ";
    let piece = word.repeat(4096 / word.len());
    let pieces = (mib << 20) / piece.len();

    let clock = Instant::now();
    let mut arena = Arena::default();
    for _ in 0..pieces {
        arena.room(piece.len()).1.push_str(&piece);
    }
    let fresh = clock.elapsed();

    // One chunk's worth, written once before the clock starts, then over and over.
    let mut touched = String::with_capacity(16 << 20);
    let per_chunk = touched.capacity() / piece.len();
    for _ in 0..per_chunk {
        touched.push_str(&piece);
    }
    let clock = Instant::now();
    for i in 0..pieces {
        if i % per_chunk == 0 {
            touched.clear();
        }
        touched.push_str(black_box(&piece));
    }
    let again = clock.elapsed();

    black_box((arena.freeze(), touched));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("{:.1}\t{:.1}", ms(fresh), ms(again));
}
