// kg: load nodes.csv and relationships.csv into a running Neo4j 5 database.
//
// 1. Copy nodes.csv and relationships.csv into the database's import folder
//    (<NEO4J_HOME>/import, or the folder set by server.directories.import).
// 2. Run: cypher-shell -u neo4j -p <password> -f import.cypher
//    (in Neo4j Browser, prefix each statement with :auto, because
//    CALL { } IN TRANSACTIONS needs an implicit transaction).
//
// Safe to run again: nodes are merged on id,
// relationships on (start, type, relation, end).
// Lines ending in '// neo4j-only' are Neo4j syntax outside openCypher (schema
// constraints, batched transactions). Without them the script is plain openCypher,
// and every statement ends with a line holding only a semicolon.
// For a new, empty database the offline bulk import is faster:
//   neo4j-admin database import full neo4j --nodes=neo4j/nodes.csv --relationships=neo4j/relationships.csv --multiline-fields=true

// Uniqueness of the entity IRI; also the index that makes MERGE on id fast.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE // neo4j-only
;

// Entity nodes, then their labels (MERGE cannot set a label taken from data).
LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
CALL { WITH row // neo4j-only
MERGE (n:Entity {id: row.`id:ID`})
SET n.label = row.label,
    n.mentions = toInteger(row.`mentions:int`),
    n.aliases = CASE WHEN coalesce(row.`aliases:string[]`, '') = '' THEN [] ELSE split(row.`aliases:string[]`, ';') END
FOREACH (_ IN CASE WHEN row.`:LABEL` = 'Entity;City' THEN [1] ELSE [] END | SET n:City)
FOREACH (_ IN CASE WHEN row.`:LABEL` = 'Entity;Country' THEN [1] ELSE [] END | SET n:Country)
FOREACH (_ IN CASE WHEN row.`:LABEL` = 'Entity;Event' THEN [1] ELSE [] END | SET n:Event)
FOREACH (_ IN CASE WHEN row.`:LABEL` = 'Entity;Organization' THEN [1] ELSE [] END | SET n:Organization)
FOREACH (_ IN CASE WHEN row.`:LABEL` = 'Entity;Person' THEN [1] ELSE [] END | SET n:Person)
FOREACH (_ IN CASE WHEN row.`:LABEL` = 'Entity;Position' THEN [1] ELSE [] END | SET n:Position)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;

// Relationships of type EXPRESS_CONCERN_ABOUT (Entity to Entity).
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'EXPRESS_CONCERN_ABOUT' AND row.kind = 'fact'
CALL { WITH row // neo4j-only
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:EXPRESS_CONCERN_ABOUT {relation: row.relation}]->(b)
SET r.weight = toInteger(row.`weight:int`), r.confidence = toFloat(row.`confidence:float`)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;

// Relationships of type HOLDS_POSITION (Entity to Entity).
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'HOLDS_POSITION' AND row.kind = 'fact'
CALL { WITH row // neo4j-only
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:HOLDS_POSITION {relation: row.relation}]->(b)
SET r.weight = toInteger(row.`weight:int`), r.confidence = toFloat(row.`confidence:float`)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;

// Relationships of type MEETS (Entity to Entity).
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'MEETS' AND row.kind = 'fact'
CALL { WITH row // neo4j-only
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:MEETS {relation: row.relation}]->(b)
SET r.weight = toInteger(row.`weight:int`), r.confidence = toFloat(row.`confidence:float`)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;

// Relationships of type MEMBER_OF (Entity to Entity).
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'MEMBER_OF' AND row.kind = 'fact'
CALL { WITH row // neo4j-only
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:MEMBER_OF {relation: row.relation}]->(b)
SET r.weight = toInteger(row.`weight:int`), r.confidence = toFloat(row.`confidence:float`)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;

// Relationships of type REL_2_SANCTIONS (Entity to Entity).
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'REL_2_SANCTIONS' AND row.kind = 'fact'
CALL { WITH row // neo4j-only
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:REL_2_SANCTIONS {relation: row.relation}]->(b)
SET r.weight = toInteger(row.`weight:int`), r.confidence = toFloat(row.`confidence:float`)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;

// Relationships of type VISITS (Entity to Entity).
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'VISITS' AND row.kind = 'fact'
CALL { WITH row // neo4j-only
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:VISITS {relation: row.relation}]->(b)
SET r.weight = toInteger(row.`weight:int`), r.confidence = toFloat(row.`confidence:float`)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;

// Relationships of type WARN_AGAIN (Entity to Entity).
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'WARN_AGAIN' AND row.kind = 'fact'
CALL { WITH row // neo4j-only
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:WARN_AGAIN {relation: row.relation}]->(b)
SET r.weight = toInteger(row.`weight:int`), r.confidence = toFloat(row.`confidence:float`)
} IN TRANSACTIONS OF 1000 ROWS // neo4j-only
;
