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

/// Links read as text: a `[title](url)` shows its title (HTML debris never shows), the
/// status shows the whole URL of the selected message, and `o` opens it; `o` and `y` act on
/// the current search hit's message.
#[test]
fn links_show_their_titles_and_o_opens_the_url() {
    let Some(dir) = real_logs() else {
        return;
    };
    let mut app = app_at(&dir, 80, 24);
    command(&mut app, "group devarch");
    command(&mut app, "2018-09-01");
    for _ in 0..300 {
        let text = screen(&draw(&app));
        assert!(!text.contains("]("), "{text}");
        assert!(!text.contains("mso-height-source"), "{text}");
        if app.at_bottom() {
            break;
        }
        app.update(Action::ScrollPage(1));
    }
    command(&mut app, "group proddev");
    command(&mut app, "2019-01-05");
    type_str(&mut app, "/穿不过焦虑");
    press(&mut app, [enter()]);
    assert_eq!(app.derived.hits.len(), 1, "the title is what is searched");
    press(&mut app, [key('o')]);
    let [Effect::Open(url)] = app.effects.as_slice() else {
        panic!("{:?}", app.effects)
    };
    assert!(url.starts_with("http://mp.weixin.qq.com/s?__biz="), "{url}");
    assert!(url.contains("&mid=") && !url.contains("&amp;"), "{url}");
    app.effects.clear();
    // Selected, its URL is in the status, whole.
    let pos = app.derived.hits[0].pos;
    press(&mut app, [code(KeyCode::Esc)]);
    select(&mut app, pos);
    let status = status_row(&app);
    assert!(
        status.contains("link: http://mp.weixin.qq.com/s?__biz="),
        "{status}"
    );
}

/// A message with several links lists them on `o`: Enter opens the one chosen.
#[test]
fn o_on_a_message_with_several_links_lists_them() {
    let temp = TempDir::new("links");
    let day = "---\ntitle: \"2019-01-01-WeChat\"\n---\n> 09:00:00  A  \n   \n\
               see [one](https://a.cn/1) and https://b.cn/2.  \n";
    std::fs::write(temp.path().join("2019-01-01-WeChat.md"), day).unwrap();
    let mut app = app_at(temp.path(), 80, 24);
    let text = screen(&draw(&app));
    assert!(text.contains("see one and https://b.cn/2."), "{text}");
    press(&mut app, [key('o')]);
    let Some(Overlay::Links(links)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(links.urls, ["https://a.cn/1", "https://b.cn/2"]);
    press(&mut app, [key('j'), enter()]);
    assert_eq!(app.effects, [Effect::Open("https://b.cn/2".into())]);
    assert_eq!(app.overlay, None);
}
