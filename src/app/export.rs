//! `:export FILE [DATES]` from the reader's side: which days and messages go, under the
//! filters in force, and what chose them; the terminal side writes them
//! ([`crate::effects`]).

use super::App;
use crate::action::{Effect, Export, Shared};
use crate::dates::DateSpan;
use crate::export::Selection;
use crate::filter;
use crate::search::Found;

impl App {
    /// `:export FILE`: the open day as shown; `:export FILE DATES`: every day of the open
    /// group in DATES (`2018-03`, `2018-03-01..2018-03-15`, …) with messages shown under the
    /// same filters. The last word is DATES when it reads as dates and something is before
    /// it; else the whole line is FILE.
    pub(super) fn export(&mut self, typed: &str, overwrite: bool) {
        let (file, span) = split_dates(typed);
        let days = match span {
            None => vec![(self.view.day, self.derived.shown.clone())],
            Some(span) => self.shown_in(&span),
        };
        if let (Some(span), true) = (span, days.is_empty()) {
            self.view.notice = Some(format!("not exported: nothing shown in {span}"));
            return;
        }
        let selection = Selection {
            days,
            filters: self.filters_label(),
            folded: self.view.fold,
        };
        self.export_selection(selection, file, overwrite);
    }

    /// `:export FILE` over the results of the search across the archive: the messages found,
    /// day by day in the order listed.
    pub(super) fn export_results(&mut self, file: &str, overwrite: bool) {
        let Some(search) = &self.archive_search else {
            return self.export(file, overwrite);
        };
        let mut days: Vec<(usize, Vec<usize>)> = Vec::new();
        for &Found { day, message } in &search.found {
            match days.last_mut() {
                Some((last, shown)) if *last == day => shown.push(message),
                _ => days.push((day, vec![message])),
            }
        }
        let scope = &search.query.scope;
        let speakers = (scope.speakers.as_ref()).map(|f| f.label(&self.archive));
        let matching = format!("matching {:?}", search.query.text);
        let selection = Selection {
            days,
            filters: [Some(matching), speakers]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            folded: !scope.all,
        };
        self.export_selection(selection, file, overwrite);
    }

    fn export_selection(&mut self, selection: Selection, file: &str, overwrite: bool) {
        self.effects.push(Effect::Export(Export {
            archive: Shared(self.archive.clone()),
            selection,
            file: file.to_owned(),
            overwrite,
        }));
    }

    /// The days of the open group in `span` with messages shown under the speaker filter,
    /// folding and the text filters, and those messages.
    fn shown_in(&self, span: &DateSpan) -> Vec<(usize, Vec<usize>)> {
        let group = self.archive.group(self.view.group).days.clone();
        let days = group.filter(|&i| span.contains(self.archive.days[i].date));
        let shown = days.map(|i| {
            let day = &self.archive.days[i];
            let mut shown = filter::shown(self.view.filter.as_ref(), self.view.fold, day);
            for text_filter in &self.view.text_filters {
                text_filter.apply(day, &mut shown);
            }
            (i, shown)
        });
        shown.filter(|(_, shown)| !shown.is_empty()).collect()
    }

    /// The speaker filter and the text filters, as a heading names them.
    fn filters_label(&self) -> String {
        let speakers = (self.view.filter.as_ref()).map(|f| f.label(&self.archive));
        let texts = self.view.text_filters.iter().map(|f| f.label());
        speakers
            .into_iter()
            .chain(texts)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `FILE DATES` → (`FILE`, the dates); a line whose last word is no dates is all FILE.
fn split_dates(typed: &str) -> (&str, Option<DateSpan>) {
    let typed = typed.trim();
    match typed.rsplit_once(char::is_whitespace) {
        Some((file, dates)) => match dates.parse() {
            Ok(span) => (file.trim_end(), Some(span)),
            Err(_) => (typed, None),
        },
        None => (typed, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_dates_only_when_it_reads_as_dates() {
        let file = |typed| split_dates(typed).0;
        let span = |typed| split_dates(typed).1.map(|s| s.to_string());
        assert_eq!(
            (file("a.csv 2018-03"), span("a.csv 2018-03")),
            ("a.csv", Some("2018-03-01..2018-03-31".into()))
        );
        assert_eq!(file("my day.txt"), "my day.txt");
        assert_eq!(span("my day.txt"), None);
        assert_eq!((file("2018-03"), span("2018-03")), ("2018-03", None));
        assert_eq!(file("out dir/x.json  2018..2019 "), "out dir/x.json");
    }
}
