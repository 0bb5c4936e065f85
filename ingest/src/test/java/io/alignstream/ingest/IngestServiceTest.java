package io.alignstream.ingest;

import io.alignstream.infra.testkit.AlignStreamTestResource;
import io.alignstream.infra.testkit.ServiceContractTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The ingest service starts against the real broker and registry and answers health and metrics. */
@QuarkusTest
@QuarkusTestResource(AlignStreamTestResource.class)
class IngestServiceTest extends ServiceContractTest {}
