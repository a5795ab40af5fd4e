//! Cognito's public endpoint for a region, as botocore's endpoint rule set for `cognito-idp`
//! (`endpoint-rule-set-1.json`) and its partitions (`partitions.json`) give it.

/// One AWS partition: its regions (listed, or matched by prefix and shape) and DNS suffixes.
struct Partition {
    name: &'static str,
    regions: &'static [&'static str],
    /// The region's words before `-\w+-\d+` (the partition's `regionRegex`).
    prefixes: &'static [&'static str],
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
}

/// In botocore's order; the first is the default for a region no partition claims. Every
/// partition supports FIPS and dual stack today.
const PARTITIONS: &[Partition] = &[
    Partition {
        name: "aws",
        regions: &["aws-global"],
        prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
    },
    Partition {
        name: "aws-cn",
        regions: &["aws-cn-global"],
        prefixes: &["cn"],
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
    },
    Partition {
        name: "aws-eusc",
        regions: &[],
        prefixes: &["eusc-de"],
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
    },
    Partition {
        name: "aws-iso",
        regions: &["aws-iso-global"],
        prefixes: &["us-iso"],
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
    },
    Partition {
        name: "aws-iso-b",
        regions: &["aws-iso-b-global"],
        prefixes: &["us-isob"],
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
    },
    Partition {
        name: "aws-iso-e",
        regions: &["aws-iso-e-global"],
        prefixes: &["eu-isoe"],
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
    },
    Partition {
        name: "aws-iso-f",
        regions: &["aws-iso-f-global"],
        prefixes: &["us-isof"],
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
    },
    Partition {
        name: "aws-us-gov",
        regions: &["aws-us-gov-global"],
        prefixes: &["us-gov"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
    },
];

/// `PREFIX-\w+-\d+` for one of the partition's prefixes (the region is already known to hold
/// only letters, digits and `-`).
fn claims(p: &Partition, region: &str) -> bool {
    p.regions.contains(&region)
        || p.prefixes.iter().any(|prefix| {
            region
                .strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('-'))
                .and_then(|r| r.split_once('-'))
                .is_some_and(|(word, number)| {
                    !word.is_empty()
                        && !word.contains('-')
                        && !number.is_empty()
                        && number.bytes().all(|b| b.is_ascii_digit())
                })
        })
}

fn partition(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| claims(p, region))
        .unwrap_or(&PARTITIONS[0])
}

/// The URL botocore sends `cognito-idp` requests to in `region`, with the FIPS and dual-stack
/// variants of the rule set.
pub fn public_endpoint(region: &str, fips: bool, dual_stack: bool) -> String {
    let p = partition(region);
    let host = match (fips, dual_stack) {
        (true, true) if ["us-east-1", "us-east-2", "us-west-1", "us-west-2"].contains(&region) => {
            format!("cognito-idp-fips.{region}.amazonaws.com")
        }
        (true, true) => format!("cognito-idp-fips.{region}.{}", p.dual_stack_dns_suffix),
        (true, false) => format!("cognito-idp-fips.{region}.{}", p.dns_suffix),
        (false, true) if p.name == "aws" => format!("cognito-idp.{region}.amazonaws.com"),
        (false, true) => format!("cognito-idp.{region}.{}", p.dual_stack_dns_suffix),
        (false, false) => format!("cognito-idp.{region}.{}", p.dns_suffix),
    };
    format!("https://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_sets_hosts() {
        let e = |r, f, d| public_endpoint(r, f, d);
        assert_eq!(
            e("eu-west-1", false, false),
            "https://cognito-idp.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            e("cn-north-1", false, false),
            "https://cognito-idp.cn-north-1.amazonaws.com.cn"
        );
        assert_eq!(
            e("us-east-1", true, false),
            "https://cognito-idp-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            e("us-east-1", true, true),
            "https://cognito-idp-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            e("eu-west-1", true, true),
            "https://cognito-idp-fips.eu-west-1.api.aws"
        );
        assert_eq!(
            e("eu-west-1", false, true),
            "https://cognito-idp.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            e("cn-north-1", false, true),
            "https://cognito-idp.cn-north-1.api.amazonwebservices.com.cn"
        );
        assert_eq!(
            e("us-gov-west-1", true, false),
            "https://cognito-idp-fips.us-gov-west-1.amazonaws.com"
        );
        assert_eq!(
            e("us-isob-east-1", false, false),
            "https://cognito-idp.us-isob-east-1.sc2s.sgov.gov"
        );
        assert_eq!(
            e("eusc-de-east-1", false, false),
            "https://cognito-idp.eusc-de-east-1.amazonaws.eu"
        );
        // A region no partition claims is in the first, `aws`.
        assert_eq!(
            e("xx-foo-1", false, false),
            "https://cognito-idp.xx-foo-1.amazonaws.com"
        );
        assert_eq!(
            e("cn-north", false, false),
            "https://cognito-idp.cn-north.amazonaws.com"
        );
    }
}
