//! A set of page numbers, kept as a bitmap: the heap's free pages. Inserting and removing
//! pages allocate nothing once the bitmap covers the heap's pages (a tree set allocated and
//! freed nodes at every collection that gave pages back).

/// A set of page numbers.
#[derive(Default)]
pub(super) struct PageSet {
    words: Vec<u64>,
    /// No page below `64 * lowest_word` is in the set.
    lowest_word: usize,
}

impl PageSet {
    /// Adds `page`.
    pub(super) fn insert(&mut self, page: usize) {
        let word = page / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << (page % 64);
        self.lowest_word = self.lowest_word.min(word);
    }

    /// Removes and returns the lowest page.
    pub(super) fn pop_first(&mut self) -> Option<usize> {
        let first = self.pages_from(self.lowest_word).next()?;
        self.remove(first);
        Some(first)
    }

    /// Removes and returns the lowest run of `count` consecutive pages (its first page).
    pub(super) fn take_run(&mut self, count: usize) -> Option<usize> {
        let (mut run_start, mut run_len) = (0, 0);
        let start = self.pages_from(self.lowest_word).find(|&page| {
            if run_len > 0 && page == run_start + run_len {
                run_len += 1;
            } else {
                (run_start, run_len) = (page, 1);
            }
            run_len == count
        })? + 1
            - count;
        for page in start..start + count {
            self.remove(page);
        }
        Some(start)
    }

    fn remove(&mut self, page: usize) {
        self.words[page / 64] &= !(1 << (page % 64));
        while self.lowest_word < self.words.len() && self.words[self.lowest_word] == 0 {
            self.lowest_word += 1;
        }
    }

    /// The pages of the set from word `word` on, in order.
    fn pages_from(&self, word: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .skip(word)
            .flat_map(|(index, &bits)| {
                let mut bits = bits;
                std::iter::from_fn(move || {
                    (bits != 0).then(|| {
                        let bit = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        index * 64 + bit
                    })
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::PageSet;

    #[test]
    fn pages_come_out_lowest_first() {
        let mut set = PageSet::default();
        for page in [130, 3, 64, 7] {
            set.insert(page);
        }
        let popped: Vec<usize> = std::iter::from_fn(|| set.pop_first()).collect();
        assert_eq!(popped, [3, 7, 64, 130]);
        set.insert(5);
        assert_eq!(set.pop_first(), Some(5));
    }

    #[test]
    fn runs_are_taken_whole_across_words() {
        let mut set = PageSet::default();
        for page in [1, 2, 62, 63, 64, 65, 90] {
            set.insert(page);
        }
        assert_eq!(set.take_run(3), Some(62));
        assert_eq!(set.take_run(3), None);
        assert_eq!(set.take_run(2), Some(1));
        assert_eq!(set.pop_first(), Some(65));
        assert_eq!(set.pop_first(), Some(90));
        assert_eq!(set.pop_first(), None);
    }
}
