package io.coco4j.rego.compile;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.builtins.BuiltinRegistry;

/** Inputs to compilation besides the modules. */
public record CompileOptions(RegoVersion version, Compatibility compatibility, BuiltinRegistry builtins) {
}
