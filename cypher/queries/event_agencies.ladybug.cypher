// answers: The agencies on each side of the given events (FROM: giving up or ceasing; TO:
//          receiving or resulting).
// params: ids (list of event ids)
// engine: node first, then one OPTIONAL MATCH over both relationship types, so that LadybugDB
//         walks from each event instead of joining every FROM and TO relationship (see
//         event_functions.ladybug.cypher); label(r) is LadybugDB's name for the type.
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})
OPTIONAL MATCH (e)-[r:`FROM`|`TO`]->(a:Agency)
WITH e, r, a WHERE a IS NOT NULL
RETURN e.id AS event_id, label(r) AS side, a.id AS agency_id, a.name AS agency_name
