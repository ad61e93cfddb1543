package org.mhpathway.audit;

import java.util.Collection;

/**
 * An answer that lists pathways inside an object rather than as a list of its own (the patients behind an
 * indicator's figure): the audit trail records one view per pathway it names, as for a list.
 */
public interface PathwayListing {

    /** The pathway ids the answer shows. */
    Collection<String> listedPathwayIds();
}
