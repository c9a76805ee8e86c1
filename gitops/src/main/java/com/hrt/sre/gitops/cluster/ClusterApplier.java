package com.hrt.sre.gitops.cluster;

import com.hrt.sre.gitops.cluster.Change.Action;
import com.hrt.sre.gitops.config.GitopsProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.stereotype.Component;

/**
 * Applies a validated render with server-side apply under the watcher's own field manager, and
 * prunes what it owns that left the render.
 *
 * <p>Server-side apply makes the watcher the owner of exactly the fields in its manifests: fields
 * other managers set (the auto-healer's {@code kubectl.kubernetes.io/restartedAt} pod-template
 * annotation and its heal-history annotation) are neither reverted nor removed. Conflicts on the
 * watcher's own fields are forced: Git is the source of truth for what it declares.
 */
@Component
public class ClusterApplier {

  /**
   * Namespaced kinds pruning looks at, besides every kind in the current render. A kind missing
   * here and gone from the render is not pruned (left behind, never wrongly deleted).
   */
  static final List<Class<? extends HasMetadata>> PRUNABLE_KINDS =
      List.of(
          ConfigMap.class,
          Secret.class,
          Service.class,
          ServiceAccount.class,
          PersistentVolumeClaim.class,
          Deployment.class,
          StatefulSet.class,
          DaemonSet.class,
          CronJob.class,
          Job.class,
          Role.class,
          RoleBinding.class,
          NetworkPolicy.class,
          PodDisruptionBudget.class,
          Ingress.class,
          HorizontalPodAutoscaler.class);

  private final ObjectFactory<KubernetesClient> clientFactory;
  private final String fieldManager;
  private final String owner;
  private final Set<String> namespaces;

  /**
   * Takes the client as a factory: it is built on the first sync, not during startup (see {@code
   * KubernetesClientConfiguration}).
   */
  public ClusterApplier(
      ObjectFactory<KubernetesClient> clientFactory, GitopsProperties properties) {
    this.clientFactory = clientFactory;
    this.fieldManager = properties.fieldManager();
    this.owner = properties.owner();
    this.namespaces = Set.copyOf(properties.namespaces());
  }

  /** What applying {@code desired} would change, including what it would prune. */
  public List<Change> plan(List<HasMetadata> desired) {
    List<Change> changes = new ArrayList<>();
    for (HasMetadata object : desired) {
      HasMetadata live = client().resource(labelled(object)).get();
      ObjectKey key = ObjectKey.of(object);
      if (live == null) {
        changes.add(new Change(Action.CREATE, key, List.of()));
      } else {
        List<String> fields = FieldDiff.changedFields(asMap(labelled(object)), asMap(live));
        changes.add(new Change(fields.isEmpty() ? Action.UNCHANGED : Action.UPDATE, key, fields));
      }
    }
    pruneCandidates(desired)
        .forEach(orphan -> changes.add(new Change(Action.PRUNE, ObjectKey.of(orphan), List.of())));
    return changes;
  }

  /**
   * Asks the API server to validate every object (server-side apply with {@code dryRun=All}),
   * before any is applied. Objects in a namespace the same render creates are skipped: the API
   * server cannot dry-run into a namespace that does not exist yet.
   */
  public void validateOnServer(List<HasMetadata> desired) {
    Set<String> namespacesToCreate = new LinkedHashSet<>();
    for (HasMetadata object : desired) {
      if (object instanceof Namespace namespace
          && client().namespaces().withName(namespace.getMetadata().getName()).get() == null) {
        namespacesToCreate.add(namespace.getMetadata().getName());
      }
    }
    for (HasMetadata object : desired) {
      if (!namespacesToCreate.contains(object.getMetadata().getNamespace())) {
        client().resource(labelled(object)).dryRun().patch(applyPatch());
      }
    }
  }

  /** Server-side applies every object, in render order (kustomize puts namespaces first). */
  public void apply(List<HasMetadata> desired) {
    for (HasMetadata object : desired) {
      client().resource(labelled(object)).patch(applyPatch());
    }
  }

  /** Deletes the objects carrying the watcher's label that the render no longer has. */
  public List<ObjectKey> prune(List<HasMetadata> desired) {
    List<ObjectKey> pruned = new ArrayList<>();
    for (HasMetadata orphan : pruneCandidates(desired)) {
      client().resource(orphan).delete();
      pruned.add(ObjectKey.of(orphan));
    }
    return pruned;
  }

  /**
   * Objects that carry the label with this watcher's owner, sit in one of its namespaces, and are
   * not in the render. Cluster-scoped objects are never pruned (a Namespace would take everything
   * in it along); remove those by hand.
   */
  List<HasMetadata> pruneCandidates(List<HasMetadata> desired) {
    List<ObjectKey> keep = desired.stream().map(ObjectKey::of).toList();
    Set<Class<? extends HasMetadata>> kinds = new LinkedHashSet<>(PRUNABLE_KINDS);
    desired.stream()
        .filter(object -> object instanceof Namespaced)
        .filter(object -> !(object instanceof GenericKubernetesResource))
        .forEach(object -> kinds.add(object.getClass()));
    List<HasMetadata> orphans = new ArrayList<>();
    for (String namespace : namespaces.stream().sorted().toList()) {
      for (Class<? extends HasMetadata> kind : kinds) {
        for (HasMetadata live :
            client()
                .resources(kind)
                .inNamespace(namespace)
                .withLabel(GitopsProperties.OWNER_LABEL, owner)
                .list()
                .getItems()) {
          ObjectKey key = ObjectKey.of(live);
          if (isOwned(live, namespace) && keep.stream().noneMatch(key::sameObjectAs)) {
            orphans.add(live);
          }
        }
      }
    }
    return orphans;
  }

  /** Checked again on the object itself, not only through the list's label selector. */
  private boolean isOwned(HasMetadata live, String namespace) {
    Map<String, String> labels = live.getMetadata().getLabels();
    return labels != null
        && owner.equals(labels.get(GitopsProperties.OWNER_LABEL))
        && namespace.equals(live.getMetadata().getNamespace())
        && namespaces.contains(live.getMetadata().getNamespace());
  }

  private HasMetadata labelled(HasMetadata object) {
    HasMetadata copy = client().getKubernetesSerialization().clone(object);
    if (copy.getMetadata().getLabels() == null) {
      copy.getMetadata().setLabels(new LinkedHashMap<>());
    }
    copy.getMetadata().getLabels().put(GitopsProperties.OWNER_LABEL, owner);
    return copy;
  }

  private PatchContext applyPatch() {
    return new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(fieldManager)
        .withForce(true)
        .build();
  }

  private Map<?, ?> asMap(HasMetadata object) {
    return client().getKubernetesSerialization().convertValue(object, Map.class);
  }

  /** The singleton client, built on first use. */
  private KubernetesClient client() {
    return clientFactory.getObject();
  }
}
