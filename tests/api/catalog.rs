use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, eventually, in_hours};

/// A new movie's body.
pub fn movie(title: &str) -> Value {
    json!({
        "title": title,
        "description": "About something.",
        "duration_minutes": 100,
        "rating": "PG-13",
        "release_date": "2024-05-01",
    })
}

#[tokio::test]
async fn admins_manage_movies() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let created = app
        .post("/v1/movies", Some(&admin), movie("Orbit"))
        .await
        .expect(201);
    assert_eq!(created["rating"], "PG-13");
    assert_eq!(created["release_date"], "2024-05-01");
    let id = created["id"].as_i64().unwrap();

    let fetched = app.get(&format!("/v1/movies/{id}"), None).await.expect(200);
    assert_eq!(fetched, created);

    let patched = app
        .patch(
            &format!("/v1/movies/{id}"),
            Some(&admin),
            json!({ "title": "Orbit II", "release_date": null }),
        )
        .await
        .expect(200);
    assert_eq!(patched["title"], "Orbit II");
    assert_eq!(patched["release_date"], Value::Null);
    assert_eq!(
        patched["description"], created["description"],
        "untouched fields stay"
    );

    let patched = app
        .patch(
            &format!("/v1/movies/{id}"),
            Some(&admin),
            json!({ "rating": "R" }),
        )
        .await
        .expect(200);
    assert_eq!(patched["title"], "Orbit II");
    assert_eq!(patched["rating"], "R");

    assert_eq!(
        app.delete(&format!("/v1/movies/{id}"), Some(&admin))
            .await
            .status,
        204
    );
    app.get(&format!("/v1/movies/{id}"), None)
        .await
        .expect_problem(404, "movie_not_found");
    app.delete(&format!("/v1/movies/{id}"), Some(&admin))
        .await
        .expect_problem(404, "movie_not_found");
    app.patch(
        &format!("/v1/movies/{id}"),
        Some(&admin),
        json!({ "title": "X" }),
    )
    .await
    .expect_problem(404, "movie_not_found");
}

#[tokio::test]
async fn only_admins_change_the_catalog() {
    let app = TestApp::spawn().await;
    let customer = app.customer("ana").await;
    app.post("/v1/movies", Some(&customer), movie("Orbit"))
        .await
        .expect_problem(403, "forbidden");
    app.post("/v1/movies", None, movie("Orbit"))
        .await
        .expect_problem(401, "unauthorized");
    app.post(
        "/v1/theaters",
        Some(&customer),
        json!({ "name": "A", "city": "B", "capacity": 10 }),
    )
    .await
    .expect_problem(403, "forbidden");
    app.patch("/v1/movies/1", Some(&customer), json!({ "title": "X" }))
        .await
        .expect_problem(403, "forbidden");
    app.delete("/v1/movies/1", Some(&customer))
        .await
        .expect_problem(403, "forbidden");
    app.post(
        "/v1/screenings",
        Some(&customer),
        json!({ "movie_id": 1, "theater_id": 1, "starts_at": in_hours(2), "price": 1, "currency": "EUR" }),
    )
    .await
    .expect_problem(403, "forbidden");
}

#[tokio::test]
async fn movie_input_is_validated() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut bad = Vec::new();
    for (field, value) in [
        ("title", json!("")),
        ("duration_minutes", json!(0)),
        ("duration_minutes", json!("long")),
        ("rating", json!("PG-15")),
        ("release_date", json!("yesterday")),
    ] {
        let mut body = movie("Orbit");
        body[field] = value;
        bad.push(body);
    }
    for body in bad {
        app.post("/v1/movies", Some(&admin), body)
            .await
            .expect_problem(400, "invalid_request");
    }
}

#[tokio::test]
async fn movies_are_listed_in_pages_and_searched_by_title() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let mut ids = BTreeSet::new();
    for i in 0..7 {
        let title = if i % 2 == 0 {
            format!("Night {i}")
        } else {
            format!("Day 50%_{i}")
        };
        let created = app
            .post("/v1/movies", Some(&admin), movie(&title))
            .await
            .expect(201);
        ids.insert(created["id"].as_i64().unwrap());
    }
    let mut seen = BTreeSet::new();
    let mut after: Option<i64> = None;
    let mut pages = 0;
    loop {
        let path = match after {
            Some(after) => format!("/v1/movies?limit=3&after={after}"),
            None => "/v1/movies?limit=3".to_owned(),
        };
        let page = app.get(&path, None).await.expect(200);
        pages += 1;
        for item in page["items"].as_array().unwrap() {
            assert!(seen.insert(item["id"].as_i64().unwrap()), "no repeats");
        }
        match page["next_after"].as_i64() {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, ids);
    assert_eq!(pages, 3);

    let found = app.get("/v1/movies?q=NIGHT", None).await.expect(200);
    assert_eq!(found["items"].as_array().unwrap().len(), 4);
    assert_eq!(found["next_after"], Value::Null);
    // LIKE wildcards in `q` match themselves only.
    let found = app.get("/v1/movies?q=50%25_", None).await.expect(200);
    assert_eq!(found["items"].as_array().unwrap().len(), 3);
    let found = app.get("/v1/movies?q=%25", None).await.expect(200);
    assert_eq!(found["items"].as_array().unwrap().len(), 3);

    for bad in ["limit=0", "limit=101", "limit=x", "after=-1"] {
        app.get(&format!("/v1/movies?{bad}"), None)
            .await
            .expect_problem(400, "invalid_request");
    }
}

#[tokio::test]
async fn theaters_are_created_listed_and_fetched() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let theater = app
        .post(
            "/v1/theaters",
            Some(&admin),
            json!({ "name": "Rialto", "city": "Lisbon", "capacity": 80 }),
        )
        .await
        .expect(201);
    let id = theater["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&format!("/v1/theaters/{id}"), None)
            .await
            .expect(200),
        theater
    );
    let page = app.get("/v1/theaters", None).await.expect(200);
    assert_eq!(page["items"], json!([theater]));
    assert_eq!(page["next_after"], Value::Null);
    app.get("/v1/theaters/999", None)
        .await
        .expect_problem(404, "theater_not_found");
    app.post(
        "/v1/theaters",
        Some(&admin),
        json!({ "name": "Rialto", "city": "Lisbon", "capacity": 0 }),
    )
    .await
    .expect_problem(400, "invalid_request");
}

#[tokio::test]
async fn a_screening_takes_its_end_from_the_movie_and_its_seats_from_the_theater() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening(&admin, 40).await;
    assert_eq!(screening["total_seats"], 40);
    assert_eq!(screening["available_seats"], 40);
    assert_eq!(screening["price"], 1250);
    assert_eq!(screening["currency"], "EUR");
    let starts =
        chrono::DateTime::parse_from_rfc3339(screening["starts_at"].as_str().unwrap()).unwrap();
    let ends =
        chrono::DateTime::parse_from_rfc3339(screening["ends_at"].as_str().unwrap()).unwrap();
    assert_eq!(ends - starts, chrono::Duration::minutes(120));
    let id = screening["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&format!("/v1/screenings/{id}"), None)
            .await
            .expect(200),
        screening
    );
    app.get("/v1/screenings/999", None)
        .await
        .expect_problem(404, "screening_not_found");
}

#[tokio::test]
async fn screenings_in_one_theater_never_overlap() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = app.screening(&admin, 40).await;
    let schedule = |hours: i64| {
        app.post(
            "/v1/screenings",
            Some(&admin),
            json!({
                "movie_id": first["movie_id"],
                "theater_id": first["theater_id"],
                "starts_at": in_hours(hours),
                "price": 900,
                "currency": "EUR",
            }),
        )
    };
    // The first runs from +24 h for two hours.
    schedule(25).await.expect_problem(409, "screening_overlap");
    schedule(23).await.expect_problem(409, "screening_overlap");
    schedule(27).await.expect(201);
    schedule(-1).await.expect_problem(400, "starts_in_past");
}

#[tokio::test]
async fn concurrent_overlapping_screenings_cannot_both_be_scheduled() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = app.screening(&admin, 40).await;
    let body = json!({
        "movie_id": first["movie_id"],
        "theater_id": first["theater_id"],
        "starts_at": in_hours(100),
        "price": 900,
        "currency": "EUR",
    });
    let replies = futures::future::join_all(
        (0..10).map(|_| app.post("/v1/screenings", Some(&admin), body.clone())),
    )
    .await;
    assert_eq!(
        replies.iter().filter(|r| r.status == 201).count(),
        1,
        "{replies:#?}"
    );
    assert!(replies.iter().all(|r| r.status == 201 || r.status == 409));
}

#[tokio::test]
async fn a_screening_needs_an_existing_movie_and_theater() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = app.screening(&admin, 40).await;
    for (movie_id, theater_id) in [
        (first["movie_id"].clone(), json!(999)),
        (json!(999), first["theater_id"].clone()),
    ] {
        app.post(
            "/v1/screenings",
            Some(&admin),
            json!({ "movie_id": movie_id, "theater_id": theater_id, "starts_at": in_hours(48), "price": 1, "currency": "EUR" }),
        )
        .await
        .expect_problem(422, "movie_or_theater_not_found");
    }
    app.post(
        "/v1/screenings",
        Some(&admin),
        json!({ "movie_id": first["movie_id"], "theater_id": first["theater_id"], "starts_at": in_hours(48), "price": 1, "currency": "eur" }),
    )
    .await
    .expect_problem(400, "invalid_request");
}

#[tokio::test]
async fn a_movie_with_screenings_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let screening = app.screening(&admin, 40).await;
    app.delete(
        &format!("/v1/movies/{}", screening["movie_id"]),
        Some(&admin),
    )
    .await
    .expect_problem(409, "movie_has_screenings");
}

#[tokio::test]
async fn screenings_are_filtered_by_movie_theater_and_time() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first = app.screening(&admin, 40).await;
    let second = app.screening(&admin, 20).await;
    let ids = |page: Value| -> Vec<i64> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_i64().unwrap())
            .collect()
    };
    let all = app.get("/v1/screenings", None).await.expect(200);
    assert_eq!(
        ids(all),
        vec![
            first["id"].as_i64().unwrap(),
            second["id"].as_i64().unwrap()
        ]
    );
    let by_movie = app
        .get(
            &format!("/v1/screenings?movie_id={}", second["movie_id"]),
            None,
        )
        .await
        .expect(200);
    assert_eq!(ids(by_movie), vec![second["id"].as_i64().unwrap()]);
    let by_theater = app
        .get(
            &format!("/v1/screenings?theater_id={}", first["theater_id"]),
            None,
        )
        .await
        .expect(200);
    assert_eq!(ids(by_theater), vec![first["id"].as_i64().unwrap()]);
    let from = urlencode(&in_hours(30));
    let later = app
        .get(&format!("/v1/screenings?from={from}"), None)
        .await
        .expect(200);
    assert!(ids(later).is_empty());
    let to = urlencode(&in_hours(30));
    let sooner = app
        .get(&format!("/v1/screenings?to={to}"), None)
        .await
        .expect(200);
    assert_eq!(ids(sooner).len(), 2);
    // Filters combine: a movie's screenings in a theater, and either within a time range
    // (each has a query of its own).
    let combined = |query: String| {
        let app = &app;
        async move {
            ids(app
                .get(&format!("/v1/screenings?{query}"), None)
                .await
                .expect(200))
        }
    };
    let (movie, theater) = (&second["movie_id"], &second["theater_id"]);
    let other_theater = &first["theater_id"];
    assert_eq!(
        combined(format!("movie_id={movie}&theater_id={theater}&to={to}")).await,
        vec![second["id"].as_i64().unwrap()]
    );
    assert!(
        combined(format!("movie_id={movie}&theater_id={other_theater}"))
            .await
            .is_empty()
    );
    assert!(
        combined(format!("movie_id={movie}&from={from}"))
            .await
            .is_empty()
    );
    assert!(
        combined(format!("theater_id={other_theater}&from={from}"))
            .await
            .is_empty()
    );
    assert_eq!(
        combined(format!("theater_id={other_theater}&to={to}")).await,
        vec![first["id"].as_i64().unwrap()]
    );
    app.get("/v1/screenings?from=tomorrow", None)
        .await
        .expect_problem(400, "invalid_request");
}

fn urlencode(text: &str) -> String {
    text.replace('+', "%2B").replace(':', "%3A")
}

/// Text is a JSON string and nothing else: a number or a boolean where the document says
/// string is refused (poem-openapi would have made text of it), and so is NUL, which the
/// document rules out and PostgreSQL cannot store. In a patch, `null` removes only what can
/// be removed.
#[tokio::test]
async fn text_fields_take_only_json_strings() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let movie =
        json!({ "title": "Plain", "description": "", "duration_minutes": 90, "rating": "G" });
    for (field, value) in [
        ("title", json!(false)),
        ("title", json!(12)),
        ("title", json!("nul\u{0}byte")),
        ("description", json!(true)),
    ] {
        let mut body = movie.clone();
        body[field] = value;
        app.post("/v1/movies", Some(&admin), body)
            .await
            .expect_problem(400, "invalid_request");
    }
    let created = app
        .post("/v1/movies", Some(&admin), movie)
        .await
        .expect(201);
    let path = format!("/v1/movies/{}", created["id"]);
    for field in ["title", "description", "duration_minutes", "rating"] {
        app.patch(&path, Some(&admin), json!({ field: null }))
            .await
            .expect_problem(400, "invalid_request");
    }
    let patched = app
        .patch(
            &path,
            Some(&admin),
            json!({ "release_date": null, "title": "Plainer" }),
        )
        .await
        .expect(200);
    assert_eq!(patched["title"], "Plainer");
    assert_eq!(patched["release_date"], Value::Null);
}

#[tokio::test]
async fn a_theater_gets_a_layout_from_its_capacity_or_as_described() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let generated = app
        .post(
            "/v1/theaters",
            Some(&admin),
            json!({ "name": "Hall", "city": "Porto", "capacity": 45 }),
        )
        .await
        .expect(201);
    let layout = app
        .get(&format!("/v1/theaters/{}/layout", generated["id"]), None)
        .await
        .expect(200);
    let sizes: Vec<(String, usize)> = layout["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_str().unwrap().to_owned(),
                r["seats"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(sizes, [("A".into(), 20), ("B".into(), 20), ("C".into(), 5)]);
    assert_eq!(
        layout["rows"][2]["seats"][4],
        json!({ "label": "C5", "number": 5, "category": "standard", "blocked": false })
    );

    let described = app
        .post(
            "/v1/theaters",
            Some(&admin),
            json!({ "name": "Studio", "city": "Porto", "layout": [
                { "row": "A", "seats": 4, "wheelchair": [1], "companion": [2] },
                { "row": "B", "seats": 5, "premium": [2, 3, 4], "blocked": [5] },
            ]}),
        )
        .await
        .expect(201);
    assert_eq!(described["capacity"], 8, "nine seats, one blocked");
    let path = format!("/v1/theaters/{}/layout", described["id"]);
    let layout = app.get(&path, None).await.expect(200);
    assert_eq!(layout["theater_id"], described["id"]);
    let seat = |r: usize, s: usize| layout["rows"][r]["seats"][s].clone();
    assert_eq!(seat(0, 0)["category"], "wheelchair");
    assert_eq!(seat(0, 1)["category"], "companion");
    assert_eq!(seat(1, 2)["category"], "premium");
    assert_eq!(
        (seat(1, 4)["label"].clone(), seat(1, 4)["blocked"].clone()),
        (json!("B5"), json!(true))
    );

    // Replaced while no screening has copied it; then no more.
    let replaced = app
        .send(
            app.api
                .put(&path)
                .header("authorization", format!("Bearer {admin}"))
                .body_json(&json!({ "layout": [{ "row": "A", "seats": 12 }] })),
        )
        .await
        .expect(200);
    assert_eq!(replaced["rows"][0]["seats"].as_array().unwrap().len(), 12);
    let theater = app
        .get(&format!("/v1/theaters/{}", described["id"]), None)
        .await
        .expect(200);
    assert_eq!(theater["capacity"], 12);
    let movie = app
        .post("/v1/movies", Some(&admin), movie("Orbit"))
        .await
        .expect(201);
    app.post(
        "/v1/screenings",
        Some(&admin),
        json!({ "movie_id": movie["id"], "theater_id": described["id"],
                "starts_at": in_hours(5), "price": 900, "currency": "EUR" }),
    )
    .await
    .expect(201);
    app.send(
        app.api
            .put(&path)
            .header("authorization", format!("Bearer {admin}"))
            .body_json(&json!({ "layout": [{ "row": "A", "seats": 3 }] })),
    )
    .await
    .expect_problem(409, "theater_has_screenings");
    app.get("/v1/theaters/999999/layout", None)
        .await
        .expect_problem(404, "theater_not_found");
}

#[tokio::test]
async fn a_layout_is_validated_with_the_place_of_each_problem() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let create = |body: Value| {
        let app = &app;
        let admin = &admin;
        async move { app.post("/v1/theaters", Some(admin), body).await }
    };
    let problem = create(json!({ "name": "X", "city": "Y", "layout": [
        { "row": "A", "seats": 10, "premium": [3, 11], "blocked": [3] },
        { "row": "A", "seats": 4 },
    ]}))
    .await
    .expect_problem(400, "invalid_layout");
    let detail = problem["detail"].as_str().unwrap();
    for expected in [
        "layout[0].premium[1]: seat 11 is not in row A, whose seats are 1 to 10",
        "layout[0].blocked[0]: seat 3 is also premium",
        "layout[1].row: row A is also layout[0]",
    ] {
        assert!(detail.contains(expected), "{expected:?} not in {detail:?}");
    }
    for body in [
        json!({ "name": "X", "city": "Y" }),
        json!({ "name": "X", "city": "Y", "capacity": 10, "layout": [{ "row": "A", "seats": 10 }] }),
        json!({ "name": "X", "city": "Y", "layout": [] }),
        json!({ "name": "X", "city": "Y", "layout": [{ "row": "a", "seats": 10 }] }),
        json!({ "name": "X", "city": "Y", "layout": [{ "row": "A", "seats": 61 }] }),
    ] {
        create(body.clone())
            .await
            .expect_problem(400, "invalid_request");
    }
    let customer = app.customer("ana").await;
    app.send(
        app.api
            .put("/v1/theaters/1/layout")
            .header("authorization", format!("Bearer {customer}"))
            .body_json(&json!({ "layout": [{ "row": "A", "seats": 3 }] })),
    )
    .await
    .expect_problem(403, "forbidden");
}

/// A GET with `If-None-Match`.
pub async fn get_if_none_match(app: &TestApp, path: &str, etag: &str) -> crate::helpers::Reply {
    app.send(app.api.get(path).header("if-none-match", etag))
        .await
}

/// Asserts that `path` answers 200 with an ETag and `cache_control`, then 304 without a body
/// to a request naming that ETag; returns the ETag.
async fn assert_revalidates(app: &TestApp, path: &str, cache_control: &str) -> String {
    let first = app.get(path, None).await;
    assert_eq!(first.status, 200, "{path}: {first:?}");
    assert_eq!(first.header("cache-control"), Some(cache_control), "{path}");
    let etag = first.header("etag").expect("an ETag").to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    let again = get_if_none_match(app, path, &etag).await;
    assert_eq!(again.status, 304, "{path}: {again:?}");
    assert_eq!(again.body, Value::Null, "no body");
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(again.header("cache-control"), Some(cache_control));
    etag
}

/// Asserts that a request naming `etag` now gets the changed representation (200, another
/// ETag).
async fn assert_changed(app: &TestApp, path: &str, etag: &str) -> Value {
    let reply = get_if_none_match(app, path, etag).await;
    assert_ne!(
        reply.header("etag"),
        Some(etag),
        "{path}: the ETag did not change"
    );
    reply.expect(200)
}

/// As [`assert_changed`], for a movie, whose version the service learns of from the
/// database's announcement (platform::version_cache): within a few seconds at most, not at
/// once.
pub async fn assert_movie_changed(app: &TestApp, path: &str, etag: &str) -> Value {
    eventually(path, Duration::from_secs(5), || async {
        get_if_none_match(app, path, etag).await.status != 304
    })
    .await;
    assert_changed(app, path, etag).await
}

#[tokio::test]
async fn the_catalog_answers_304_while_unchanged_and_200_after_a_change() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let customer = app.customer("ana").await;
    let movie = app
        .post("/v1/movies", Some(&admin), movie("Orbit"))
        .await
        .expect(201);
    let movie_path = format!("/v1/movies/{}", movie["id"]);
    let etag = assert_revalidates(&app, &movie_path, "public, max-age=60").await;
    let list_etag = assert_revalidates(&app, "/v1/movies", "public, max-age=60").await;
    app.patch(&movie_path, Some(&admin), json!({ "title": "Orbit II" }))
        .await
        .expect(200);
    assert_eq!(
        assert_movie_changed(&app, &movie_path, &etag).await["title"],
        "Orbit II"
    );
    assert_changed(&app, "/v1/movies", &list_etag).await;

    // A review changes the movie's statistics, so its ETag too.
    let etag = assert_revalidates(&app, &movie_path, "public, max-age=60").await;
    app.post(
        &format!("{movie_path}/reviews"),
        Some(&customer),
        json!({ "rating": 4, "body": "Great." }),
    )
    .await
    .expect(201);
    assert_eq!(
        assert_movie_changed(&app, &movie_path, &etag).await["review_count"],
        1
    );

    // A theater and its layout: replacing the layout changes both.
    let theater = app
        .post(
            "/v1/theaters",
            Some(&admin),
            json!({ "name": "Hall", "city": "Porto", "capacity": 10 }),
        )
        .await
        .expect(201);
    let theater_path = format!("/v1/theaters/{}", theater["id"]);
    let layout_path = format!("{theater_path}/layout");
    let theater_etag = assert_revalidates(&app, &theater_path, "public, max-age=60").await;
    let layout_etag = assert_revalidates(&app, &layout_path, "public, max-age=60").await;
    let theaters_etag = assert_revalidates(&app, "/v1/theaters", "public, max-age=60").await;
    app.send(
        app.api
            .put(&layout_path)
            .header("authorization", format!("Bearer {admin}"))
            .body_json(&json!({ "layout": [{ "row": "A", "seats": 12 }] })),
    )
    .await
    .expect(200);
    assert_eq!(
        assert_changed(&app, &theater_path, &theater_etag).await["capacity"],
        12
    );
    assert_changed(&app, &layout_path, &layout_etag).await;
    assert_changed(&app, "/v1/theaters", &theaters_etag).await;

    // Screenings hold their seats available: a booking changes them; they are reused for a
    // second at most.
    let screening = app.screening(&admin, 10).await;
    let screening_path = format!("/v1/screenings/{}", screening["id"]);
    let list_path = format!("/v1/screenings?movie_id={}", screening["movie_id"]);
    let etag = assert_revalidates(&app, &screening_path, "public, max-age=1").await;
    let list_etag = assert_revalidates(&app, &list_path, "public, max-age=1").await;
    app.book(&customer, &screening["id"], 2).await.expect(201);
    assert_eq!(
        assert_changed(&app, &screening_path, &etag).await["available_seats"],
        8
    );
    assert_changed(&app, &list_path, &list_etag).await;
    for seats in ["seats", "seats.svg"] {
        let map = app
            .api
            .get(format!("{screening_path}/{seats}"))
            .send()
            .await
            .0;
        let cache_control = map.headers().get("cache-control").unwrap();
        assert_eq!(cache_control, "public, max-age=1", "{seats}");
    }

    // Another tag, a weak one, several, or `*`.
    let etag = assert_revalidates(&app, &movie_path, "public, max-age=60").await;
    for condition in [
        format!("W/{etag}"),
        format!("\"x\", {etag}"),
        "*".to_owned(),
    ] {
        let reply = get_if_none_match(&app, &movie_path, &condition).await;
        assert_eq!(reply.status, 304, "{condition}");
    }
    get_if_none_match(&app, &movie_path, "\"x\"")
        .await
        .expect(200);
    // A movie that does not exist is still a 404, whatever the condition.
    get_if_none_match(&app, "/v1/movies/999999", "*")
        .await
        .expect_problem(404, "movie_not_found");
}
