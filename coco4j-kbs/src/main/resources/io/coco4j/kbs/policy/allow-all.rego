# Resource policy "allow-all": any attested caller may read any resource of the resource plugin.
# For demos and tests only (coco4j serve --dev starts with it).
package policy

import rego.v1

default allow := false

allow if data.plugin == "resource"
