/**
 * The routing table and the rollout documents in Parameter Store, shared by the operator CLI and the rollout
 * controller: reading the table ({@link dev.lambdarouter.store.RoutingTableStore}), the one validated publish path
 * ({@link dev.lambdarouter.store.TablePublisher}: whole-table check as the routers do, version bumped last), route
 * weight edits ({@link dev.lambdarouter.store.RouteWeights}), and canary rollouts
 * ({@link dev.lambdarouter.store.RolloutDocument}, {@link dev.lambdarouter.store.RolloutPlan},
 * {@link dev.lambdarouter.store.RolloutStore}).
 */
package dev.lambdarouter.store;
