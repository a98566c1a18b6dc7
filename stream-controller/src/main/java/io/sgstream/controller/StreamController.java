package io.sgstream.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.sgstream.api.SGStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches SGStreams (and the capture Deployments, whose availability is the Running condition) with informers and
 * reconciles every stream that changed, plus every stream on each resync.
 *
 * <p>Why a controller with informers rather than only a function behind an ApiServerSource: the ApiServerSource
 * adapter keeps no real store (its resync and relist are no-ops), so objects that existed before it started and
 * changes made during a watch gap produce no event at all. An informer lists everything when it starts and after
 * every gap, and its periodic resync hands every stream to the reconciler again, so nothing is missed for long.
 */
public final class StreamController implements AutoCloseable {

    private final KubernetesClient client;
    private final ControllerSettings settings;
    private final StreamReconciler reconciler;
    private ReconcileQueue queue;
    private SharedIndexInformer<SGStream> streams;
    private SharedIndexInformer<Deployment> captures;

    public StreamController(KubernetesClient client, ControllerSettings settings, StreamReconciler reconciler) {
        this.client = client;
        this.settings = settings;
        this.reconciler = reconciler;
    }

    public synchronized void start() {
        queue = new ReconcileQueue(this::reconcile);
        long resync = settings.resyncPeriod().toMillis();
        var streamOps = client.resources(SGStream.class);
        streams = settings.watchNamespace().map(ns -> streamOps.inNamespace(ns).runnableInformer(resync))
                .orElseGet(() -> streamOps.inAnyNamespace().runnableInformer(resync));
        streams.addEventHandler(handler(s -> queue.add(Cache.metaNamespaceKeyFunc(s))));
        var deploymentOps = client.apps().deployments();
        var labelled = settings.watchNamespace()
                .map(ns -> deploymentOps.inNamespace(ns).withLabel(StreamLabels.PART_OF, StreamLabels.PART_OF_VALUE))
                .orElseGet(() -> deploymentOps.inAnyNamespace().withLabel(StreamLabels.PART_OF, StreamLabels.PART_OF_VALUE));
        captures = labelled.runnableInformer(0);
        captures.addEventHandler(handler(d -> streamOf(d).ifPresent(queue::add)));
        streams.start();
        captures.start();
    }

    /** Whether both informers are watching (for the liveness probe). */
    public synchronized boolean isWatching() {
        return streams != null && streams.isWatching() && captures.isWatching();
    }

    private void reconcile(String key) {
        SGStream stream = streams.getStore().getByKey(key);
        if (stream != null) { // deleted meanwhile: owner references take care of the rest
            reconciler.reconcile(stream);
        }
    }

    private static Optional<String> streamOf(HasMetadata object) {
        return Optional.ofNullable(object.getMetadata().getLabels()).map(l -> l.get(StreamLabels.STREAM))
                .map(name -> object.getMetadata().getNamespace() + "/" + name);
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue.accept(object);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                enqueue.accept(newObject); // a resync too: old and new are then the same object
            }

            @Override
            public void onDelete(T object, boolean deletedFinalStateUnknown) {
                enqueue.accept(object);
            }
        };
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close();
            captures.close();
        }
        if (queue != null) {
            queue.close();
        }
    }
}
