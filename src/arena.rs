//! Where day texts live: large chunks written once by the loader and shared by the days cut
//! from them ([`Text`]); and the advice that has a load's memory backed by huge pages.
//!
//! A `String` per day (and the scratch buffer it was copied from) cost about a quarter of a
//! full load's time in fresh 4 KiB pages, a page fault and a zeroing each: the texts of the
//! 181 MiB bench archive fill ~30,000 of them. Written once into chunks advised for huge
//! pages, the same texts take about seventy faults.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, LazyLock};

/// Bytes a chunk holds unless one day needs more.
const CHUNK: usize = 16 << 20;

/// A huge page: 2 MiB on x86-64 and most others.
const HUGE: usize = 2 << 20;

/// Chunks being written. Texts are written at the end of the last one, which never grows
/// past its capacity while [`Arena::room`] is asked first (if it did, a chunk would be moved,
/// never wrong: texts are found by offset).
#[derive(Default)]
pub struct Arena {
    chunks: Vec<String>,
}

/// Where a text was written: a chunk of its arena and a byte range in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Slot {
    chunk: u32,
    start: u32,
    end: u32,
}

impl Arena {
    /// The chunk to append `len` more bytes to, with its index, started anew when the last
    /// one lacks the room.
    pub fn room(&mut self, len: usize) -> (u32, &mut String) {
        let full = self
            .chunks
            .last()
            .is_none_or(|c| usable(c).saturating_sub(c.len()) < len);
        if full {
            // A huge page more, as the bytes past the last huge page are not written.
            self.chunks.push(chunk(len.max(CHUNK) + HUGE));
        }
        let index = self.chunks.len() as u32 - 1;
        (
            index,
            self.chunks.last_mut().expect("a chunk was just ensured"),
        )
    }

    /// The chunks, written: each trimmed to what it holds and shared from now on.
    pub fn freeze(self) -> Frozen {
        let chunks = self.chunks.into_iter().map(|mut c| {
            c.shrink_to_fit();
            Arc::new(c)
        });
        Frozen(chunks.collect())
    }
}

impl Slot {
    /// The bytes `start..end` of chunk `chunk`.
    pub fn new(chunk: u32, start: usize, end: usize) -> Slot {
        Slot {
            chunk,
            start: start as u32,
            end: end as u32,
        }
    }
}

/// An arena's chunks once written, to cut texts from.
pub struct Frozen(Vec<Arc<String>>);

impl Frozen {
    pub fn text(&self, slot: Slot) -> Text {
        match self.0.get(slot.chunk as usize) {
            Some(chunk) => Text {
                chunk: Arc::clone(chunk),
                start: slot.start,
                end: slot.end,
            },
            None => Text::default(),
        }
    }
}

/// The bytes of chunk `c` up to its last huge-page boundary, all that is written of it:
/// the pages past it are small ones (a huge page there would reach past the chunk), and in
/// them a load's texts took 3,700 page faults of its 5,000.
fn usable(c: &String) -> usize {
    let start = c.as_ptr() as usize;
    let end = (start + c.capacity()) / HUGE * HUGE;
    end.saturating_sub(start)
}

/// A chunk of `capacity` bytes, advised for huge pages where the system has them.
fn chunk(capacity: usize) -> String {
    let chunk = String::with_capacity(capacity);
    advise_huge_pages(chunk.as_ptr(), chunk.capacity());
    chunk
}

/// Asks Linux to back the 2 MiB-aligned pages inside `len` bytes at `start` with huge pages
/// when they are first written. Only advice: on refusal, or elsewhere, pages stay small.
#[cfg(target_os = "linux")]
fn advise_huge_pages(start: *const u8, len: usize) {
    let first = (start as usize).next_multiple_of(HUGE);
    let last = (start as usize + len) / HUGE * HUGE;
    if last > first {
        // SAFETY: MADV_HUGEPAGE changes neither the contents nor the protection of what is
        // mapped in the range (a chunk of this arena, or a heap of this process); a range
        // not mapped whole makes it fail, and nothing depends on it succeeding.
        unsafe {
            libc::madvise(
                first as *mut libc::c_void,
                last - first,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_: *const u8, _: usize) {}

/// The heap a thread's allocation at `at` came from, as glibc lays them out: every thread
/// but the first allocates from heaps of 64 MiB, aligned to their size.
const HEAP: usize = 64 << 20;

/// Advises the heap holding the allocation at `at` for huge pages, unless it is `advised`
/// already; returns the heap's start. A load's workers keep their days' lists of messages
/// there (about a sixth of what a load writes): in 4 KiB pages they were half its page
/// faults. Only advice: elsewhere, or wrong about the layout, it changes nothing that reads.
pub fn advise_heap(at: *const u8, advised: usize) -> usize {
    let heap = at as usize / HEAP * HEAP;
    if heap != advised {
        advise_huge_pages(heap as *const u8, HEAP);
    }
    heap
}

/// A day's text: a range of a chunk shared with other days. Reads as the `str` it holds.
#[derive(Clone)]
pub struct Text {
    chunk: Arc<String>,
    start: u32,
    end: u32,
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.chunk
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

impl Default for Text {
    /// The empty text, shared: the loader leaves one in every file it takes a text from.
    fn default() -> Text {
        static EMPTY: LazyLock<Arc<String>> = LazyLock::new(Arc::default);
        Text {
            chunk: Arc::clone(&EMPTY),
            start: 0,
            end: 0,
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text {
            end: text.len() as u32,
            start: 0,
            chunk: Arc::new(text),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_cut_from_chunks_read_as_written() {
        let mut arena = Arena::default();
        let mut slots = Vec::new();
        for (i, word) in ["支付", "", "代扣 pay"].iter().enumerate() {
            let (index, chunk) = arena.room(word.len());
            let start = chunk.len();
            chunk.push_str(word);
            slots.push((i, Slot::new(index, start, chunk.len())));
        }
        // A text longer than a chunk gets a chunk of its own.
        let long = "长".repeat(CHUNK);
        let (index, chunk) = arena.room(long.len());
        assert_eq!(index, 1);
        chunk.push_str(&long);
        let long_slot = Slot::new(index, 0, long.len());
        let frozen = arena.freeze();
        assert_eq!(&*frozen.text(slots[0].1), "支付");
        assert_eq!(&*frozen.text(slots[1].1), "");
        assert_eq!(&*frozen.text(slots[2].1), "代扣 pay");
        assert_eq!(*frozen.text(long_slot), long);
        assert_eq!(
            &*frozen.text(Slot::new(9, 0, 3)),
            "",
            "an unknown chunk is empty"
        );
    }
}
