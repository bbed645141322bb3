# Resource policy "reference-default": the CoCo reference KBS's default. Any attested caller may
# read resources of the resource plugin, except a caller attested with the sample TEE. Note that
# it also serves guests whose appraisal is "warning" or "contraindicated".
package policy

import rego.v1

default allow := false

allow if {
	data.plugin == "resource"
	not input.submods.cpu0["ear.veraison.annotated-evidence"].sample
}
