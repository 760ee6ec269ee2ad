//! Selecting a message, and what o and y ask of the world.

use super::*;

#[test]
fn v_selects_a_message_and_o_and_y_act_on_it() {
    let mut app = sample_app(100, 30);
    type_str(&mut app, ":2018-03-05");
    press(&mut app, [enter()]);
    // Without a selection, y takes the message at the top.
    press(&mut app, [key('y')]);
    let top = app.day().messages[app.derived.shown[0]];
    let top_body = app.day().body(&top).to_owned();
    assert_eq!(app.effects, [Effect::Copy(top_body)]);
    app.effects.clear();
    press(&mut app, [key('v'), key('j'), key('j')]);
    assert_eq!(app.view.selected, Some(2));
    let screen_text = screen(&draw(&app));
    let third = app.day().messages[app.derived.shown[2]];
    assert!(
        screen_text.contains(&third.time.to_string()),
        "{screen_text}"
    );
    // The selected message is marked on each of its rows, header and body, and only there.
    let buf = draw(&app);
    let text = app.panes().text;
    let marked: Vec<u16> = (text.top()..text.bottom())
        .filter(|&y| buf[(text.x, y)].modifier.contains(Modifier::REVERSED))
        .collect();
    let height = app.layout(2, text.width as usize).height() as u16;
    assert!(height > 1, "the third message has a body");
    assert_eq!(marked.len() as u16, height, "{marked:?}");
    assert_eq!(
        marked[marked.len() - 1] - marked[0] + 1,
        height,
        "{marked:?}"
    );
    press(&mut app, [key('y')]);
    let third_body = app.day().body(&third).to_owned();
    assert_eq!(app.effects, [Effect::Copy(third_body)]);
    assert_eq!(app.view.notice, None, "nothing is said copied before it is");
    app.effects.clear();
    // o on a message without a link says so; on an image it opens the image's URL.
    let plain = (0..app.derived.shown.len())
        .find(|&p| {
            !app.day()
                .body(&app.day().messages[app.derived.shown[p]])
                .contains("http")
        })
        .unwrap();
    select(&mut app, plain);
    press(&mut app, [key('o')]);
    assert!(app.effects.is_empty());
    assert_eq!(
        app.view.notice.as_deref(),
        Some("no link or image in this message")
    );
    let image = (0..app.derived.shown.len())
        .find(|&p| app.day().messages[app.derived.shown[p]].kind == chatlog::model::Kind::Image)
        .expect("the day has an image");
    select(&mut app, image);
    press(&mut app, [key('o')]);
    let [Effect::Open(url)] = app.effects.as_slice() else {
        panic!("{:?}", app.effects)
    };
    assert!(url.starts_with("http://static.cocolian.org/img/"), "{url}");
    assert!(url.ends_with(".png"), "{url}");
    // Esc ends the selection; moving to another day does too.
    press(
        &mut app,
        [Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))],
    );
    assert_eq!(app.view.selected, None);
    press(&mut app, [key('v'), key(']')]);
    assert_eq!(app.view.selected, None);
}
