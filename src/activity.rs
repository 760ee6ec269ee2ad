//! Activity figures: messages per day, per hour of the day and per person.
//!
//! Pure functions over an immutable [`Archive`], shared by `chatlog stats --by` and the
//! reader's activity view so that the two can never disagree. Each figure counts over a
//! [`Span`] of days; every span is a contiguous run of `Archive::days`, which is sorted by
//! (group, date), so choosing one costs nothing. With `fold`, echoes are not counted: the
//! message they repeat is.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Archive, Day, GroupId, Message, PersonId, SpeakerId};

/// Which days a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// Every day of every group.
    Archive,
    /// Every day of one group.
    Group(GroupId),
    /// One day, by its index in `Archive::days` (an index past the end is an empty span).
    Day(usize),
}

impl Span {
    /// The days of this span, in archive order.
    pub fn days(self, archive: &Archive) -> &[Day] {
        match self {
            Span::Archive => &archive.days,
            Span::Group(group) => archive.group_days(group),
            Span::Day(index) => archive.days.get(index..=index).unwrap_or_default(),
        }
    }

    fn messages(self, archive: &Archive, fold: bool) -> impl Iterator<Item = &Message> {
        self.days(archive)
            .iter()
            .flat_map(move |day| day.kept(fold))
    }
}

/// Messages per date, oldest first: every date with a log in the span, even an empty one
/// (a quiet day is a fact worth showing). A date logged in several groups counts them all.
pub fn per_day(archive: &Archive, span: Span, fold: bool) -> Vec<(NaiveDate, usize)> {
    let mut dates: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for day in span.days(archive) {
        *dates.entry(day.date).or_default() += day.count(fold);
    }
    dates.into_iter().collect()
}

/// Messages per hour of the day (index 0 to 23), by the time in each message's header.
pub fn per_hour(archive: &Archive, span: Span, fold: bool) -> [usize; 24] {
    let mut hours = [0; 24];
    for msg in span.messages(archive, fold) {
        // The parser accepts hours 0 to 23 only; a hand-made time past that is not counted.
        if let Some(count) = hours.get_mut(msg.time.hour() as usize) {
            *count += 1;
        }
    }
    hours
}

/// Messages per person who spoke in the span (under any of their names), most first;
/// equal counts go by name so the order is the same on every run.
pub fn per_person(archive: &Archive, span: Span, fold: bool) -> Vec<(PersonId, usize)> {
    let mut counts = vec![0usize; archive.people.len()];
    let person = |speaker: SpeakerId| archive.person_of.get(speaker.0 as usize);
    if span == Span::Archive {
        // Counted once already, as the loader interned the names; folded, each echo (a few
        // in a thousand messages) is taken off its speaker's count.
        for (i, s) in archive.speakers.iter().enumerate() {
            if let Some(p) = person(SpeakerId(i as u32)) {
                counts[p.0 as usize] += s.messages as usize;
            }
        }
        let echoes = archive.days.iter().flat_map(|day| {
            let echoes = day.echoes.iter();
            echoes.filter_map(|e| day.messages.get(e.message as usize))
        });
        if fold {
            for p in echoes.filter_map(|msg| person(msg.speaker)) {
                counts[p.0 as usize] = counts[p.0 as usize].saturating_sub(1);
            }
        }
    } else {
        for msg in span.messages(archive, fold) {
            if let Some(p) = person(msg.speaker) {
                counts[p.0 as usize] += 1;
            }
        }
    }
    let mut people: Vec<(PersonId, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|&(_, count)| count > 0)
        .map(|(id, count)| (PersonId(id as u32), count))
        .collect();
    people.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| archive.person_name(a.0).cmp(archive.person_name(b.0)))
    });
    people
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::load;

    fn sample() -> Archive {
        load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs"))
            .unwrap()
            .0
    }

    #[test]
    fn every_span_counts_every_message_it_holds_once() {
        let archive = sample();
        let group = archive.find_group("prodarch").unwrap();
        let day = archive
            .find_day(group, "2018-03-05".parse().unwrap())
            .unwrap();
        let spans = [
            (Span::Archive, archive.message_count()),
            (Span::Group(group), group_messages(&archive, group)),
            (Span::Day(day), 158),
        ];
        for (span, messages) in spans {
            let by_day: usize = per_day(&archive, span, false).iter().map(|d| d.1).sum();
            let by_hour: usize = per_hour(&archive, span, false).iter().sum();
            let by_speaker: usize = per_person(&archive, span, false).iter().map(|s| s.1).sum();
            assert_eq!(
                (by_day, by_hour, by_speaker),
                (messages, messages, messages)
            );
        }
    }

    fn group_messages(archive: &Archive, group: GroupId) -> usize {
        archive
            .group_days(group)
            .iter()
            .map(|d| d.messages.len())
            .sum()
    }

    #[test]
    fn a_date_in_several_groups_is_one_row_with_their_sum() {
        let archive = sample();
        let date: NaiveDate = "2018-03-05".parse().unwrap();
        let in_groups: usize = archive
            .days
            .iter()
            .filter(|d| d.date == date)
            .map(|d| d.messages.len())
            .sum();
        let days = per_day(&archive, Span::Archive, false);
        assert_eq!(days.iter().filter(|d| d.0 == date).count(), 1);
        assert!(days.contains(&(date, in_groups)));
        assert!(days.windows(2).all(|w| w[0].0 < w[1].0), "oldest first");
    }

    #[test]
    fn people_come_most_first_and_a_day_span_holds_only_that_day() {
        let archive = sample();
        let people = per_person(&archive, Span::Archive, false);
        assert!(people.windows(2).all(|w| w[0].1 >= w[1].1));
        assert_eq!(people.len(), archive.people.len());
        let day = &archive.days[3];
        let one = per_person(&archive, Span::Day(3), false);
        let person_of = |m: &Message| archive.person_of[m.speaker.0 as usize];
        assert!(
            one.iter()
                .all(|(id, _)| day.messages.iter().any(|m| person_of(m) == *id))
        );
        assert!(Span::Day(archive.days.len()).days(&archive).is_empty());
    }
}
