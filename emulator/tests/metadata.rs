//! Every object graph-emulator answers carries exactly the structural
//! properties of Graph's published v1.0 metadata
//! (`fixtures/graph-metadata/identityGovernance-v1.0.xml`, a copy of
//! `../shared/graph-metadata/`), each with the JSON type its Edm type gives;
//! enum values are members (asked with `Prefer:
//! include-unknown-enum-members`, as the viewer asks).

mod common;

use std::collections::HashMap;

use common::*;
use graph_emulator::Shared;
use serde_json::Value;

const NS: &str = "microsoft.graph.identityGovernance.";

/// One property: its name, CSDL type and whether it may be null.
struct Prop {
    name: String,
    ty: String,
    nullable: bool,
    navigation: bool,
}

/// An entity or complex type of the namespace.
#[derive(Default)]
struct TypeDef {
    base: Option<String>,
    props: Vec<Prop>,
}

/// The namespace's types and enums, read from the CSDL file.
#[derive(Default)]
struct Schema {
    types: HashMap<String, TypeDef>,
    enums: HashMap<String, Vec<String>>,
    /// Enums declared `IsFlags="true"`: a value is members joined by commas.
    flags: Vec<String>,
    /// `graph.entity`'s one property, outside this namespace's file.
    entity_id: Prop,
}

impl Default for Prop {
    fn default() -> Self {
        Prop {
            name: "id".into(),
            ty: "Edm.String".into(),
            nullable: false,
            navigation: false,
        }
    }
}

fn attr(line: &str, name: &str) -> Option<String> {
    let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = line[start..].find('"')? + start;
    Some(line[start..end].to_string())
}

fn short(ty: &str) -> String {
    ty.trim_start_matches('#')
        .trim_start_matches(NS)
        .to_string()
}

fn schema() -> Schema {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/graph-metadata/identityGovernance-v1.0.xml"
    );
    let text = std::fs::read_to_string(path).expect("the metadata fixture");
    let mut schema = Schema::default();
    let mut current_type: Option<String> = None;
    let mut current_enum: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with("<EntityType ") || line.starts_with("<ComplexType ") {
            let name = attr(line, "Name").expect("type name");
            let base = attr(line, "BaseType").map(|b| short(&b));
            schema.types.insert(
                name.clone(),
                TypeDef {
                    base,
                    props: Vec::new(),
                },
            );
            current_type = (!line.ends_with("/>")).then_some(name);
        } else if line.starts_with("</EntityType") || line.starts_with("</ComplexType") {
            current_type = None;
        } else if line.starts_with("<EnumType ") {
            let name = attr(line, "Name").expect("enum name");
            schema.enums.insert(name.clone(), Vec::new());
            if attr(line, "IsFlags").as_deref() == Some("true") {
                schema.flags.push(name.clone());
            }
            current_enum = Some(name);
        } else if line.starts_with("</EnumType") {
            current_enum = None;
        } else if line.starts_with("<Member ") {
            if let Some(e) = &current_enum {
                let member = attr(line, "Name").expect("member name");
                schema.enums.get_mut(e).expect("enum").push(member);
            }
        } else if line.starts_with("<Property ") || line.starts_with("<NavigationProperty ") {
            if let Some(t) = &current_type {
                let prop = Prop {
                    name: attr(line, "Name").expect("property name"),
                    ty: attr(line, "Type").expect("property type"),
                    nullable: attr(line, "Nullable").as_deref() != Some("false"),
                    navigation: line.starts_with("<NavigationProperty "),
                };
                schema.types.get_mut(t).expect("type").props.push(prop);
            }
        }
    }
    schema
}

impl Schema {
    /// The properties of `ty` and of its base types (`graph.entity` adds `id`).
    fn props_of(&self, ty: &str) -> Vec<&Prop> {
        let mut out = Vec::new();
        let mut next = Some(ty.to_string());
        while let Some(name) = next {
            let Some(def) = self.types.get(&name) else {
                break;
            };
            out.extend(def.props.iter());
            if def.base.as_deref() == Some("graph.entity") {
                out.push(&self.entity_id);
            }
            next = def.base.clone();
        }
        out
    }

    fn is_known(&self, ty: &str) -> bool {
        self.types.contains_key(ty)
    }
}

/// What is wrong with `value` as a `ty`, each line naming its JSON path.
struct Check<'a> {
    schema: &'a Schema,
    /// Whether the request asked for enum members after `unknownFutureValue`.
    evolvable: bool,
    errors: Vec<String>,
}

impl Check<'_> {
    fn object(&mut self, declared: &str, value: &Value, path: &str) {
        let Some(map) = value.as_object() else {
            self.errors.push(format!("{path}: not an object"));
            return;
        };
        let ty = map
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(short)
            .filter(|t| self.schema.is_known(t))
            .unwrap_or_else(|| declared.to_string());
        let props = self.schema.props_of(&ty);
        for (key, v) in map {
            if key.starts_with('@') || key.contains("@odata.") {
                continue;
            }
            match props.iter().find(|p| &p.name == key) {
                Some(p) => self.value(p, v, &format!("{path}.{key}")),
                None => self
                    .errors
                    .push(format!("{path}.{key}: not a property of {ty}")),
            }
        }
        for p in props.iter().filter(|p| !p.navigation) {
            if !map.contains_key(&p.name) {
                self.errors
                    .push(format!("{path}.{}: missing ({ty} declares it)", p.name));
            }
        }
    }

    fn value(&mut self, p: &Prop, v: &Value, path: &str) {
        if v.is_null() {
            if !p.nullable || p.ty.starts_with("Collection(") {
                self.errors.push(format!("{path}: null, but not nullable"));
            }
            return;
        }
        match p
            .ty
            .strip_prefix("Collection(")
            .and_then(|t| t.strip_suffix(')'))
        {
            Some(item) => match v.as_array() {
                Some(items) => {
                    for (i, x) in items.iter().enumerate() {
                        self.single(item, x, &format!("{path}[{i}]"));
                    }
                }
                None => self.errors.push(format!("{path}: not an array")),
            },
            None => self.single(&p.ty, v, path),
        }
    }

    fn single(&mut self, ty: &str, v: &Value, path: &str) {
        let ok = match ty {
            "Edm.String" => v.is_string(),
            "Edm.Int32" | "Edm.Int64" => v.is_i64(),
            "Edm.Boolean" => v.is_boolean(),
            "Edm.Double" => v.is_number(),
            "Edm.DateTimeOffset" => v
                .as_str()
                .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok()),
            "Edm.Duration" => v.as_str().is_some_and(|s| s.starts_with('P')),
            _ if ty.starts_with(NS) => {
                let name = short(ty);
                if let Some(members) = self.schema.enums.get(&name) {
                    match v.as_str() {
                        Some(text) if self.schema.flags.contains(&name) => {
                            for part in text.split(',') {
                                let part = Value::String(part.trim().to_string());
                                self.member(&name, members.clone(), &part, path);
                            }
                        }
                        _ => self.member(&name, members.clone(), v, path),
                    }
                } else {
                    self.object(&name, v, path);
                }
                return;
            }
            // Types of the wider graph namespace (user, entity, …): objects.
            _ => v.is_object(),
        };
        if !ok {
            self.errors.push(format!("{path}: {v} is not an {ty}"));
        }
    }

    fn member(&mut self, name: &str, members: Vec<String>, v: &Value, path: &str) {
        let Some(s) = v.as_str() else {
            self.errors.push(format!("{path}: {v} is not a {name}"));
            return;
        };
        match members.iter().position(|m| m == s) {
            None => self
                .errors
                .push(format!("{path}: \"{s}\" is not a member of {name}")),
            Some(at) => {
                let future = members.iter().position(|m| m == "unknownFutureValue");
                if !self.evolvable && future.is_some_and(|f| at > f) {
                    self.errors.push(format!(
                        "{path}: \"{s}\" is after unknownFutureValue in {name} and was not asked for"
                    ));
                }
            }
        }
    }
}

/// Checks `GET uri` as one `ty` or, when it has `value`, a collection of them.
async fn check_get(app: &Shared, schema: &Schema, uri: &str, ty: &str, errors: &mut Vec<String>) {
    let prefer = ("prefer", "include-unknown-enum-members");
    let resp = get_with(app, uri, &[prefer]).await;
    assert_eq!(resp.status, 200, "{uri}: {}", resp.text);
    let body = resp.json();
    let mut check = Check {
        schema,
        evolvable: true,
        errors: Vec::new(),
    };
    match body.get("value").and_then(Value::as_array) {
        Some(items) => {
            assert!(
                !items.is_empty(),
                "{uri}: an empty collection checks nothing"
            );
            for (i, item) in items.iter().enumerate() {
                check.object(ty, item, &format!("{uri} value[{i}]"));
            }
        }
        None => check.object(ty, &body, uri),
    }
    errors.extend(check.errors.into_iter().take(20));
}

async fn first_id(app: &Shared, uri: &str) -> String {
    let body = get(app, uri).await.json();
    body["value"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{uri}: no first id in {body}"))
        .to_string()
}

#[tokio::test]
async fn the_schema_fixture_is_read_whole() {
    let schema = schema();
    let run = schema.props_of("run");
    assert!(run
        .iter()
        .any(|p| p.name == "activatedOnScope" && !p.navigation));
    assert!(
        run.iter().any(|p| p.name == "id"),
        "run inherits graph.entity's id"
    );
    let workflow = schema.props_of("workflow");
    assert!(workflow.iter().any(|p| p.name == "settings" && !p.nullable));
    assert!(
        workflow.iter().any(|p| p.name == "displayName"),
        "from workflowBase"
    );
    assert!(schema.enums["lifecycleWorkflowProcessingStatus"].contains(&"canceling".into()));
}

#[tokio::test]
async fn a_wrong_answer_is_caught() {
    let schema = schema();
    let mut check = Check {
        schema: &schema,
        evolvable: false,
        errors: Vec::new(),
    };
    let bad = serde_json::json!({
        "id": "x", "processingStatus": "mover", "totalUsersCount": "3", "extra": 1
    });
    check.object("run", &bad, "run");
    let text = check.errors.join("\n");
    assert!(text.contains("run.extra: not a property of run"), "{text}");
    assert!(text.contains("run.totalUsersCount"), "{text}");
    assert!(text.contains("processingStatus"), "{text}");
    assert!(text.contains("run.activatedOnScope: missing"), "{text}");
}

#[tokio::test]
async fn every_answer_has_exactly_the_metadata_properties() {
    let app = app();
    let schema = schema();
    let mut errors = Vec::new();
    let wfs = format!("{LCW}/workflows");
    check_get(&app, &schema, &wfs, "workflow", &mut errors).await;
    let wf = WF1;
    let w = format!("{wfs}/{wf}");
    check_get(&app, &schema, &w, "workflow", &mut errors).await;
    check_get(&app, &schema, &format!("{w}/tasks"), "task", &mut errors).await;
    let expanded = format!("{wfs}?$expand=tasks,createdBy,lastModifiedBy");
    check_get(&app, &schema, &expanded, "workflow", &mut errors).await;
    let defs = format!("{LCW}/taskDefinitions");
    check_get(&app, &schema, &defs, "taskDefinition", &mut errors).await;
    let def = format!("{defs}/22085229-5809-45e8-97fd-270d28d66910");
    check_get(&app, &schema, &def, "taskDefinition", &mut errors).await;
    check_get(&app, &schema, &format!("{w}/runs"), "run", &mut errors).await;
    let run = first_id(&app, &format!("{w}/runs")).await;
    let r = format!("{w}/runs/{run}");
    check_get(&app, &schema, &r, "run", &mut errors).await;
    let users = format!("{r}/userProcessingResults");
    check_get(&app, &schema, &users, "userProcessingResult", &mut errors).await;
    let expanded = format!("{users}?$expand=taskProcessingResults");
    check_get(
        &app,
        &schema,
        &expanded,
        "userProcessingResult",
        &mut errors,
    )
    .await;
    let upr = first_id(&app, &users).await;
    let tasks = format!("{users}/{upr}/taskProcessingResults");
    check_get(&app, &schema, &tasks, "taskProcessingResult", &mut errors).await;
    let reports = format!("{w}/taskReports");
    check_get(&app, &schema, &reports, "taskReport", &mut errors).await;
    let range = "startDateTime=2000-01-01T00:00:00Z,endDateTime=2100-01-01T00:00:00Z";
    let insights = format!("{LCW}/insights");
    let summaries = [
        ("workflowsProcessedSummary", "workflowsInsightsSummary"),
        (
            "workflowsProcessedByCategory",
            "workflowsInsightsByCategory",
        ),
        (
            "topWorkflowsProcessedSummary",
            "topWorkflowsInsightsSummary",
        ),
        ("topTasksProcessedSummary", "topTasksInsightsSummary"),
    ];
    for (function, ty) in summaries {
        let uri = format!("{insights}/{function}({range})");
        check_get(&app, &schema, &uri, ty, &mut errors).await;
    }
    assert!(
        errors.is_empty(),
        "answers that differ from Graph's metadata:\n{}",
        errors.join("\n")
    );
}
