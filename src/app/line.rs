//! A line being typed at a prompt, edited as a shell edits one: a cursor that moves by
//! characters, words deleted back to a space, the start of the line cleared.

/// The text and where the cursor is in it (a byte offset on a character boundary).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
}

impl LineEdit {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Replaces the text, the cursor at its end (a line recalled from history).
    pub fn set(&mut self, text: &str) {
        self.text = text.to_owned();
        self.cursor = self.text.len();
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if let Some(c) = self.split().0.chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    pub fn left(&mut self) {
        if let Some(c) = self.split().0.chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.split().1.chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Ctrl-w: deletes back over spaces, then to the previous space.
    pub fn delete_word(&mut self) {
        let before = self.split().0;
        let word_end = before.trim_end().len();
        let start = before[..word_end].rfind(' ').map_or(0, |i| i + 1);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Ctrl-u: deletes everything before the cursor.
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineEdit {
        let mut line = LineEdit::default();
        s.chars().for_each(|c| line.insert(c));
        line
    }

    #[test]
    fn edits_where_the_cursor_is_by_whole_characters() {
        let mut line = typed("代扣 通道");
        line.left();
        line.left();
        line.insert('x');
        assert_eq!(line.text(), "代扣 x通道");
        line.backspace();
        line.delete();
        assert_eq!(line.split(), ("代扣 ", "道"));
        line.home();
        line.delete();
        line.end();
        line.backspace();
        assert_eq!(line.text(), "扣 ");
    }

    #[test]
    fn ctrl_w_and_ctrl_u_delete_as_a_shell_does() {
        let mut line = typed("search foo bar  ");
        line.delete_word();
        assert_eq!(line.text(), "search foo ");
        line.delete_word();
        assert_eq!(line.text(), "search ");
        line.insert('x');
        line.left();
        line.delete_to_start();
        assert_eq!((line.text(), line.split().0), ("x", ""));
    }
}
