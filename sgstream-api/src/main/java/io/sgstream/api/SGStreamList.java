package io.sgstream.api;

import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;

/** A list of {@link SGStream}s, as the Kubernetes API returns them. */
public class SGStreamList extends DefaultKubernetesResourceList<SGStream> {

    private static final long serialVersionUID = 1L;
}
