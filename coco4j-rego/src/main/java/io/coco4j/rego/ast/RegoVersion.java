package io.coco4j.rego.ast;

/** Rego syntax versions: v1 (OPA 1.0 and later, the default) and v0 (OPA's v0 compatibility mode). */
public enum RegoVersion {
    V0, V1
}
