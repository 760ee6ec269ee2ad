//! Echoes and aliases on the real archive: the figures the issue gives, reproduced.

use chatlog::load::load;

use crate::common::real_logs::real_logs;

#[test]
fn the_real_archive_has_6147_echoes_and_proddev_2017_12_22_has_961() {
    let Some(dir) = real_logs() else {
        return;
    };
    let (archive, _) = load(&dir).unwrap();
    assert_eq!(archive.message_count(), 94_208);
    assert_eq!(archive.echo_count(), 6_147);
    let proddev = archive.find_group("proddev").expect("proddev");
    let day = archive
        .find_day(proddev, "2017-12-22".parse().unwrap())
        .map(|d| &archive.days[d])
        .expect("proddev 2017-12-22");
    assert_eq!((day.messages.len(), day.echoes.len()), (2_102, 961));
    // Each echo repeats an earlier message of its day at the same second.
    for day in &archive.days {
        for echo in &day.echoes {
            let (m, of) = (echo.message as usize, echo.of as usize);
            assert!(of < m);
            assert_eq!(day.messages[m].time, day.messages[of].time);
        }
    }
}

#[test]
fn echoes_link_306_name_pairs_and_join_the_names_of_one_person() {
    let Some(dir) = real_logs() else {
        return;
    };
    let (archive, _) = load(&dir).unwrap();
    let links = chatlog::echoes::name_links(&archive);
    assert_eq!(links.len(), 306);
    let id = |name: &str| archive.speakers_named(&[name])[0];
    let tian = id("田浩沛");
    let pair = (
        tian.min(id("田浩沛-银生宝电子支付公司技术总")),
        tian.max(id("田浩沛-银生宝电子支付公司技术总")),
    );
    assert_eq!(links[&pair], 500);
    assert_eq!(
        archive.person_of[tian.0 as usize],
        archive.person_of[pair.1.0 as usize]
    );
    // Every message belongs to exactly one person.
    let total: u32 = archive.people.iter().map(|p| p.messages).sum();
    assert_eq!(total as usize, archive.message_count());
    let mut sets: Vec<_> = archive
        .people
        .iter()
        .filter(|p| p.names.len() > 1)
        .collect();
    sets.sort_by_key(|p| std::cmp::Reverse((p.names.len(), p.messages)));
    for p in sets.iter().take(12) {
        let names: Vec<String> = p
            .names
            .iter()
            .map(|&n| {
                format!(
                    "{} ({})",
                    archive.speaker(n),
                    archive.speakers[n.0 as usize].messages
                )
            })
            .collect();
        eprintln!(
            "{} names, {} messages: {}",
            p.names.len(),
            p.messages,
            names.join(" / ")
        );
    }
    eprintln!("people with several names: {}", sets.len());
}
